/**
 * Registering forwarding platforms and signing keys through the API (city office only; the
 * password never comes back) and the CLI (`trucks platform add|list|disable`, `trucks vehicle
 * set-key`, the import sheet's sign_key column).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sm2PublicKey } from '../src/protocols/gb17691/index.ts';
import { runCli } from './support/cli.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { buildTruckApp, seedTrucks, seedVehicles, VIN_GB, VIN_HJ } from './trucks-support.ts';

const KEY = sm2PublicKey(Buffer.alloc(32, 0x2a)).toString('hex').toUpperCase();

describe.each(dialectsUnderTest())('forwarding platforms API on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  let tokens: Awaited<ReturnType<typeof seedTrucks>>;
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, token: string, payload?: object) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });

  beforeAll(async () => {
    t = await openTestStore(dialect);
    tokens = await seedTrucks(t.db);
    await seedVehicles(t.db);
    app = await buildTruckApp(t.db);
  });
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  it('registers, refuses and disables platforms; counties may not', async () => {
    const body = { name: '某车企平台', username: 'oemB', password: 'secret-123', region: '130400' };
    expect((await call('POST', '/api/trucks/platforms', tokens.countyA, body)).statusCode).toBe(
      403,
    );
    const created = await call('POST', '/api/trucks/platforms', tokens.admin, body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      username: 'oemB',
      enabled: true,
      region: '130400',
      live: null,
    });
    expect(created.body).not.toContain('secret-123');
    const again = await call('POST', '/api/trucks/platforms', tokens.admin, body);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('LT_ERR_TRUCK_PLATFORM_EXISTS');
    const long = await call('POST', '/api/trucks/platforms', tokens.admin, {
      ...body,
      username: 'x'.repeat(13),
    });
    expect(long.json().code).toBe('LT_ERR_BAD_TRUCK_PLATFORM');
    const nowhere = await call('POST', '/api/trucks/platforms', tokens.admin, {
      ...body,
      username: 'oemC',
      region: '999999',
    });
    expect(nowhere.json().code).toBe('LT_ERR_REGION_NOT_FOUND');
    const id = created.json().id as number;
    const off = await call('PATCH', `/api/trucks/platforms/${id}`, tokens.admin, {
      enabled: false,
    });
    expect(off.json()).toMatchObject({ id, enabled: false });
    const missing = await call('PATCH', '/api/trucks/platforms/9999', tokens.admin, {
      enabled: false,
    });
    expect(missing.json().code).toBe('LT_ERR_TRUCK_PLATFORM_NOT_FOUND');
    const list = await call('GET', '/api/trucks/platforms', tokens.admin);
    expect(list.json()).toMatchObject([{ username: 'oemB', enabled: false }]);
    expect(list.body).not.toContain('scrypt');
  });

  it("sets a vehicle's signing key (04 prefix and lower case accepted) and refuses a bad one", async () => {
    const ok = await call('PATCH', `/api/trucks/vehicles/${VIN_HJ}`, tokens.admin, {
      signKey: '04' + KEY.toLowerCase(),
    });
    expect(ok.json().signKey).toBe(KEY);
    const bad = await call('PATCH', `/api/trucks/vehicles/${VIN_HJ}`, tokens.admin, {
      signKey: 'ABCD',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('LT_ERR_BAD_VEHICLE');
    const cleared = await call('PATCH', `/api/trucks/vehicles/${VIN_HJ}`, tokens.admin, {
      signKey: null,
    });
    expect(cleared.json().signKey).toBeNull();
  });
});

describe('forwarding platforms and keys from the CLI', () => {
  let t: TestStore;
  let dir: string;
  beforeAll(async () => {
    t = await openTestStore('sqlite');
    await seedTrucks(t.db);
    await seedVehicles(t.db);
    dir = mkdtempSync(join(tmpdir(), 'lantian-trucks-platform-'));
  });
  afterAll(async () => {
    await t?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds, lists and disables a platform, sets and imports keys', async () => {
    const add = await runCli(
      [
        'trucks',
        'platform',
        'add',
        '--name',
        '厂商平台',
        '--username',
        'vendor1',
        '--region',
        '130402',
        '--password-stdin',
      ],
      t.env,
      'vendor-pass-1\n',
    );
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toContain('已登记转发平台 厂商平台');
    const off = await runCli(['trucks', 'platform', 'disable', 'vendor1'], t.env);
    expect(off.stdout).toContain('已停用');
    const list = await runCli(['trucks', 'platform', 'list', '--json'], t.env);
    const rows = JSON.parse(list.stdout);
    expect(rows).toMatchObject([
      { username: 'vendor1', enabled: 0, region_adcode: '130402', created_by: expect.any(String) },
    ]);
    expect(rows[0]).not.toHaveProperty('password_hash');
    const none = await runCli(['trucks', 'platform', 'disable', 'nobody'], t.env);
    expect(none.code).toBe(4);
    expect(none.stderr).toContain('LT_ERR_TRUCK_PLATFORM_NOT_FOUND');

    const set = await runCli(['trucks', 'vehicle', 'set-key', VIN_HJ, KEY], t.env);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain('签名公钥已配置');
    const bad = await runCli(['trucks', 'vehicle', 'set-key', VIN_HJ, '00'], t.env);
    expect(bad.code).toBe(3);
    const csv = join(dir, 'v.csv');
    writeFileSync(
      csv,
      `车架号,车牌号,车牌颜色,排放阶段,燃料,区县代码,签名公钥\n${VIN_GB},冀D00002,黄,国六,柴油,130403,${KEY}\n`,
    );
    const imp = await runCli(['trucks', 'vehicle', 'import', csv], t.env);
    expect(imp.code, imp.stderr).toBe(0);
    const keys = await t.db.kysely
      .selectFrom('truck_vehicles')
      .select(['vin', 'sign_key'])
      .orderBy('vin')
      .execute();
    expect(keys).toEqual(
      [
        { vin: VIN_HJ, sign_key: KEY },
        { vin: VIN_GB, sign_key: KEY },
      ].sort((a, b) => a.vin.localeCompare(b.vin)),
    );
  }, 60_000);
});
