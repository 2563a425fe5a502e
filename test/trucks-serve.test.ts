/**
 * Trucks as an operator meets them: register a vehicle with the CLI, run `lantian serve`, let a
 * terminal connect to the port it prints, then find the vehicle online and the unregistered VIN
 * in the quarantine — all through bin/lantian.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeMessage } from '../src/protocols/gb17691/index.ts';
import { runCli, startCli } from './support/cli.ts';
import { openTestStore, type TestStore } from './support/databases.ts';
import { seedTrucks, Terminal, VIN_HJ, VIN_OTHER, COUNTY_A } from './trucks-support.ts';

describe('trucks through serve', () => {
  let t: TestStore;
  let dir: string;
  beforeAll(async () => {
    t = await openTestStore('sqlite');
    await seedTrucks(t.db);
    dir = mkdtempSync(join(tmpdir(), 'lantian-trucks-serve-'));
  });
  afterAll(async () => {
    await t?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('accepts a registered truck on the printed port and quarantines an unknown one', async () => {
    const add = await runCli(
      [
        'trucks',
        'vehicle',
        'add',
        '--vin',
        VIN_HJ,
        '--plate',
        '冀D12345',
        '--plate-colour',
        '黄',
      ].concat(['--stage', '国六', '--county', COUNTY_A]),
      t.env,
    );
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toContain(`已登记车辆 ${VIN_HJ}`);
    const env = { ...t.env, LANTIAN_LOG_LEVEL: 'warn', LANTIAN_HJ212_PORT: '0' };
    const { child, match } = await startCli(
      ['serve', '--port', '0', '--host', '127.0.0.1', '--trucks-port', '0'],
      env,
      /重型车终端监听端口 (\d+)/,
    );
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    try {
      const term = await Terminal.open(Number(match[1]));
      const login = (vin: string) =>
        encodeMessage({
          kind: 'login',
          command: 0x01,
          vin,
          time: '2024-05-01T08:30:00+08:00',
          serial: 1,
          iccid: '89860000000000000001',
        });
      term.send(login(VIN_OTHER));
      term.send(login(VIN_HJ));
      const replies = await term.waitReplies(1);
      expect(replies.map((r) => r.vin)).toEqual([VIN_HJ]);
      term.close();
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    const list = await runCli(['trucks', 'vehicle', 'list'], t.env);
    expect(list.stdout).toMatch(new RegExp(`${VIN_HJ}\\t冀D12345.*在线，最后一帧`));
    const q = await runCli(['trucks', 'quarantine', '--json'], t.env);
    expect(JSON.parse(q.stdout)).toMatchObject([
      { vin: VIN_OTHER, reason: 'unknown_vin', frames: 1 },
    ]);
  }, 120_000);
});
