/**
 * An unknown AQI edition on the command line is refused with LT_ERR_BAD_EDITION (exit 2), naming
 * the editions there are, before anything is read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../src/errors.ts';
import { runCli } from './support/cli.ts';
import { openTestStore, type TestStore } from './support/databases.ts';

describe('AQI editions on the command line', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore('sqlite');
  }, 60_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  it.each([['daily'], ['hourly']])(
    'aqi %s refuses an unknown --edition',
    async (command) => {
      const r = await runCli(
        [
          'aqi',
          command,
          '--station',
          '1003A',
          '--from',
          '2016-12-19',
          '--to',
          '2016-12-19',
          '--edition',
          'HJ633-1999',
        ],
        { ...t.env, LANTIAN_CLI_BUILD: 'off' },
      );
      expect(r.code).toBe(EXIT.usage);
      expect(r.stderr).toContain('LT_ERR_BAD_EDITION');
      expect(r.stderr).toContain('标准版本不正确');
      expect(r.stderr).toContain('HJ633-2012、HJ633-2026');
    },
    60_000,
  );
});
