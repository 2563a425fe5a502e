import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeRaw, unescapeRaw } from './raw-escape.ts';

describe('raw escaping for the archive', () => {
  it('keeps a well-formed frame readable and spells its line end', () => {
    const f = Buffer.from('##0010ST=22;CN=2011&&ABCD\r\n', 'latin1');
    expect(escapeRaw(f)).toBe('##0010ST=22;CN=2011&&ABCD\\r\\n');
  });
  it('escapes backslash, control bytes, tabs and UTF-8', () => {
    const b = Buffer.concat([
      Buffer.from('a\\b\tc\n', 'latin1'),
      Buffer.from('设备', 'utf8'),
      Buffer.from([0, 255]),
    ]);
    expect(escapeRaw(b)).toBe('a\\\\b\\tc\\n\\xE8\\xAE\\xBE\\xE5\\xA4\\x87\\x00\\xFF');
  });
  it('round-trips any bytes and never emits a line break or tab', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = escapeRaw(bytes);
        expect(/[\r\n\t]/.test(text)).toBe(false);
        expect(Buffer.compare(unescapeRaw(text), Buffer.from(bytes))).toBe(0);
      }),
    );
  });
});
