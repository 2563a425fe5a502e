/**
 * `aqi daily` and `aqi hourly` take exactly one of --region and --station, and check --edition,
 * the same way (src/cli/commands/air.ts, issue 17), before anything is read.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../src/errors.ts';
import { runCli } from './support/cli.ts';

describe('aqi daily / hourly options', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lantian-aqi-options-'));
  const env = { LANTIAN_DB: join(dir, 'lantian.db') };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses both or neither of --region and --station, and an unknown edition', async () => {
    for (const kind of ['daily', 'hourly']) {
      const range = kind === 'daily' ? ['--year', '2016'] : ['--date', '2016-12-19'];
      for (const who of [[], ['--region', '110000', '--station', '1003A']]) {
        const r = await runCli(['aqi', kind, ...who, ...range], env);
        expect({ kind, who, code: r.code }).toEqual({ kind, who, code: EXIT.usage });
        expect(r.stderr).toContain('需要 --region 或 --station 其中之一');
      }
      const bad = await runCli(
        ['aqi', kind, '--region', '110000', ...range, '--edition', 'x'],
        env,
      );
      expect(bad.code).toBe(EXIT.usage);
      expect(bad.stderr).toContain('--edition');
    }
  }, 120_000);
});
