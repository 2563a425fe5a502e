import { describe, expect, it } from 'vitest';
import { parseCsvLine } from './csv-line.ts';

describe('parseCsvLine', () => {
  it('splits plain and quoted fields', () => {
    expect(parseCsvLine('a,b,,d')).toEqual({ ok: true, fields: ['a', 'b', '', 'd'] });
    expect(parseCsvLine('1,"NNE",1.1,"Dongsi"')).toEqual({
      ok: true,
      fields: ['1', 'NNE', '1.1', 'Dongsi'],
    });
    expect(parseCsvLine('"a,b","say ""hi""",')).toEqual({
      ok: true,
      fields: ['a,b', 'say "hi"', ''],
    });
  });

  it('reports an unclosed quote', () => {
    expect(parseCsvLine('1,"abc')).toEqual({ ok: false, reason: 'unclosed_quote' });
  });
});
