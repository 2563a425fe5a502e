/**
 * The line reading and stdout writing that `hj212` and `gb17691` parse/build share
 * (src/cli/each-line.ts, src/cli/stdout-write.ts, issue 17): a character split between chunks,
 * empty lines and a last line without its newline; and `hj212 parse` → `hj212 build` through
 * the real binary gives back the same frames; `hj212 build` tells a line it cannot build by its
 * number and builds the others (src/cli/json-lines.ts).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { eachLine } from '../src/cli/each-line.ts';
import { frame, MN_AIR, upload } from './ingest-support.ts';

async function* chunks(...parts: (string | Uint8Array)[]) {
  yield* parts;
}

describe('CLI line input and stdout output', () => {
  it('joins a character split between chunks and keeps the last line without a newline', async () => {
    const bytes = Buffer.from('甲\n\n乙丙\nend', 'utf8');
    const lines: string[] = [];
    // Split inside the three bytes of 乙 (bytes 5..7), and again inside 丙.
    await eachLine(
      chunks(bytes.subarray(0, 6), bytes.subarray(6, 9), bytes.subarray(9)),
      async (l) => {
        lines.push(l);
      },
    );
    expect(lines).toEqual(['甲', '', '乙丙', 'end']);
    const fromText: string[] = [];
    await eachLine(chunks('a\nb', 'c\n'), async (l) => void fromText.push(l));
    expect(fromText).toEqual(['a', 'bc']);
  });

  it('turns hj212 parse output back into the same frames with hj212 build', () => {
    const at = Date.UTC(2024, 2, 1);
    const frames = Buffer.concat([
      frame(upload(MN_AIR, '2011', at, { a34004: { Rtd: '35.2', Flag: 'N' } })),
      frame(upload(MN_AIR, '2051', at, { a34002: { Avg: '61.0', Flag: 'N' } })),
    ]);
    const parsed = spawnSync(process.execPath, ['bin/lantian', 'hj212', 'parse'], {
      input: frames,
      encoding: 'utf8',
    });
    expect(parsed.stderr).toBe('');
    expect(parsed.status).toBe(0);
    const lines = parsed.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    // The last line without its newline, as a hand-written file may end.
    const built = spawnSync(process.execPath, ['bin/lantian', 'hj212', 'build'], {
      input: lines.join('\n'),
    });
    expect(built.stderr.toString('utf8')).toBe('');
    expect(built.status).toBe(0);
    expect(built.stdout.toString('latin1')).toBe(frames.toString('latin1'));
  }, 60_000);

  it('tells each line hj212 build cannot build by its number, builds the others and exits 3', () => {
    const good = frame(upload(MN_AIR, '2011', Date.UTC(2024, 2, 1), { a34004: { Rtd: '35.2' } }));
    const parsed = spawnSync(process.execPath, ['bin/lantian', 'hj212', 'parse'], {
      input: good,
      encoding: 'utf8',
    });
    expect(parsed.status).toBe(0);
    const input = ['{不是 JSON', '', '{"mn": 1}', parsed.stdout.trim()].join('\n') + '\n';
    const built = spawnSync(process.execPath, ['bin/lantian', 'hj212', 'build'], { input });
    expect(built.status).toBe(3);
    const warnings = built.stderr.toString('utf8').trim().split('\n');
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toBe('第 1 行：不是合法的 JSON');
    expect(warnings[1]).toMatch(/^第 3 行：\S/);
    expect(built.stdout.toString('latin1')).toBe(good.toString('latin1'));
  }, 60_000);
});
