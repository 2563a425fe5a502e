/**
 * The heavy-truck vehicle registry: checks with stable codes, audit records, the CSV import with
 * per-row results (CLI, as a user runs it), and the HTTP API with its roles and county scope.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../src/audit/audit-log.ts';
import { systemClock } from '../src/clock.ts';
import { isLantianError } from '../src/errors.ts';
import { checkVehicle } from '../src/trucks/rules/vehicle-rules.ts';
import { createVehicle, vehicles } from '../src/trucks/vehicle-service.ts';
import { runCli } from './support/cli.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { injectWithToken } from './support/sign-in.ts';
import {
  buildTruckApp,
  COUNTY_A,
  COUNTY_B,
  seedTrucks,
  vehicle,
  VIN_GB,
  VIN_HJ,
  VIN_OTHER,
  WHO,
} from './trucks-support.ts';

describe('vehicle checks', () => {
  it('normalises spellings and refuses bad fields with a stable code and the field', () => {
    const ok = checkVehicle(
      vehicle({
        vin: 'lsvam41z1f2000001',
        plateColour: 'yellow',
        emissionStage: 'VI-b',
        fuel: 'diesel',
      }),
    );
    expect(ok.ok && ok.vehicle).toMatchObject({
      vin: VIN_HJ,
      plateColour: '黄',
      emissionStage: '国六b',
      fuel: '柴油',
      replyMode: 'hj',
      layout: null,
    });
    const bad = (over: Parameters<typeof vehicle>[0]) => {
      const c = checkVehicle(vehicle(over));
      return c.ok ? 'ok' : `${c.code}:${c.field}`;
    };
    expect(bad({ vin: 'LSVAM41Z1F200000I' })).toBe('LT_ERR_BAD_VEHICLE:vin'); // I not allowed
    expect(bad({ vin: 'LSVAM41Z1F20001' })).toBe('LT_ERR_BAD_VEHICLE:vin');
    expect(bad({ vin: VIN_HJ, plateColour: '紫' })).toBe('LT_ERR_BAD_VEHICLE:plateColour');
    expect(bad({ vin: VIN_HJ, emissionStage: '国七' })).toBe('LT_ERR_BAD_VEHICLE:emissionStage');
    expect(bad({ vin: VIN_HJ, county: '1304' })).toBe('LT_ERR_BAD_VEHICLE:county');
    expect(bad({ vin: VIN_HJ, replyMode: 'both' })).toBe('LT_ERR_BAD_VEHICLE:replyMode');
    expect(bad({ vin: VIN_HJ, layout: 'gb' })).toBe('LT_ERR_BAD_VEHICLE:layout');
    expect(bad({ vin: VIN_HJ, iccid: '123' })).toBe('LT_ERR_BAD_VEHICLE:iccid');
  });
});

describe.each(dialectsUnderTest())('vehicle registry on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  let tokens: Awaited<ReturnType<typeof seedTrucks>>;
  let dir: string;
  const api = (method: string, url: string, token: string, payload?: unknown) =>
    injectWithToken(app, method, url, token, payload);

  beforeAll(async () => {
    t = await openTestStore(dialect);
    tokens = await seedTrucks(t.db);
    dir = mkdtempSync(join(tmpdir(), 'lantian-trucks-'));
    app = await buildTruckApp(t.db);
  });
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers a vehicle with an audit record; a second time is LT_ERR_VEHICLE_EXISTS', async () => {
    await createVehicle(t.db, systemClock, vehicle({ vin: VIN_HJ }), WHO);
    const audit = await listAudit(t.db, {});
    expect(
      audit.some((a) => a.action === 'truck.vehicle.create' && a.target === `vehicle:${VIN_HJ}`),
    ).toBe(true);
    const e = await createVehicle(t.db, systemClock, vehicle({ vin: VIN_HJ }), WHO).catch(
      (x: unknown) => x,
    );
    expect(isLantianError(e) && e.code).toBe('LT_ERR_VEHICLE_EXISTS');
    const unknownCounty = await createVehicle(
      t.db,
      systemClock,
      vehicle({ vin: VIN_OTHER, county: '130499' }),
      WHO,
    ).catch((x: unknown) => x);
    expect(isLantianError(unknownCounty) && unknownCounty.code).toBe('LT_ERR_REGION_NOT_FOUND');
  });

  it('imports a sheet with Chinese headers from the CLI: created, updated, rejected with reasons', async () => {
    const file = join(dir, 'vehicles.csv');
    writeFileSync(
      file,
      '\ufeff车架号,车牌号,车牌颜色,排放阶段,燃料,区县代码,所属单位,应答模式\n' +
        `${VIN_HJ},冀D11111,黄色,国六,柴油,${COUNTY_A},邯郸物流,hj\n` +
        `${VIN_GB},冀D22222,黄,国五,柴油,${COUNTY_B},丛台运输,gb\n` +
        `LSVAM41Z1F200000O,冀D33333,黄,国六,柴油,${COUNTY_A},,hj\n` +
        `${VIN_OTHER},冀D44444,黄,国六,柴油,130499,,hj\n` +
        `${VIN_GB},冀D55555,黄,国五,柴油,${COUNTY_B},,gb\n` +
        'too,few\n',
    );
    const r = await runCli(['trucks', 'vehicle', 'import', file, '--json'], t.env);
    expect(r.code, r.stderr).toBe(3);
    const rows = JSON.parse(r.stdout) as Array<{
      line: number;
      status: string;
      code?: string;
      field?: string;
    }>;
    expect(rows.map((x) => [x.line, x.status, x.code ?? '', x.field ?? ''])).toEqual([
      [2, 'updated', '', ''],
      [3, 'created', '', ''],
      [4, 'rejected', 'LT_ERR_BAD_VEHICLE', 'vin'],
      [5, 'rejected', 'LT_ERR_REGION_NOT_FOUND', 'county'],
      [6, 'rejected', 'LT_ERR_VEHICLE_EXISTS', 'vin'],
      [7, 'rejected', 'LT_ERR_BAD_VEHICLE', ''],
    ]);
    expect(r.stderr).toContain(`${file}:4`);
    const stored = await vehicles(t.db);
    expect(stored.map((v) => [v.vin, v.plate, v.reply_mode, v.region_adcode])).toEqual([
      [VIN_HJ, '冀D11111', 'hj', COUNTY_A],
      [VIN_GB, '冀D22222', 'gb', COUNTY_B],
    ]);
    // Importing the same file again changes nothing but says so row by row.
    const again = await runCli(['trucks', 'vehicle', 'import', file], t.env);
    expect(again.stdout).toContain('新增 0，更新 2，拒绝 4');
    const list = await runCli(['trucks', 'vehicle', 'list'], t.env);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(`${VIN_GB}\t冀D22222\t黄\t国五`);
    expect(list.stdout).toContain('从未上报');
  });

  it('adds a vehicle from the CLI; refusals exit with the input code and a Chinese reason', async () => {
    const bad = await runCli(
      [
        'trucks',
        'vehicle',
        'add',
        '--vin',
        'X',
        '--plate',
        '冀D1',
        '--plate-colour',
        '黄',
        '--stage',
        '国六',
        '--county',
        COUNTY_A,
      ],
      t.env,
    );
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('车辆登记信息不正确');
  });

  it('serves the registry over HTTP with roles and county scope', async () => {
    const body = { ...vehicle({ vin: VIN_OTHER }), plateColour: '蓝', emissionStage: '国四' };
    expect((await api('POST', '/api/trucks/vehicles', '', body)).statusCode).toBe(401);
    expect((await api('POST', '/api/trucks/vehicles', tokens.countyA, body)).statusCode).toBe(403);
    const created = await api('POST', '/api/trucks/vehicles', tokens.admin, body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      vin: VIN_OTHER,
      plateColour: '蓝',
      emissionStage: '国四',
      county: COUNTY_A,
      status: { online: false, connected: false, records: 0 },
    });
    const dup = await api('POST', '/api/trucks/vehicles', tokens.admin, body);
    expect([dup.statusCode, dup.json().code]).toEqual([409, 'LT_ERR_VEHICLE_EXISTS']);
    const badVin = await api('POST', '/api/trucks/vehicles', tokens.admin, {
      ...body,
      vin: 'nope',
    });
    expect([badVin.statusCode, badVin.json().code]).toEqual([400, 'LT_ERR_BAD_VEHICLE']);

    const all = (await api('GET', '/api/trucks/vehicles', tokens.admin)).json() as Array<{
      vin: string;
    }>;
    expect(all.map((v) => v.vin).sort()).toEqual([VIN_HJ, VIN_GB, VIN_OTHER].sort());
    const a = (await api('GET', '/api/trucks/vehicles', tokens.countyA)).json() as Array<{
      vin: string;
    }>;
    expect(a.map((v) => v.vin).sort()).toEqual([VIN_HJ, VIN_OTHER].sort());
    expect((await api('GET', `/api/trucks/vehicles/${VIN_GB}`, tokens.countyA)).statusCode).toBe(
      403,
    );
    expect((await api('GET', `/api/trucks/vehicles/${VIN_GB}`, tokens.countyB)).statusCode).toBe(
      200,
    );
    const missing = await api('GET', '/api/trucks/vehicles/LSVAM41Z9F2000009', tokens.admin);
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'LT_ERR_VEHICLE_NOT_FOUND']);
  });

  it('changes a registration over HTTP: only the given fields, audited, city office only', async () => {
    const url = `/api/trucks/vehicles/${VIN_OTHER}`;
    expect((await api('PATCH', url, tokens.countyA, { replyMode: 'gb' })).statusCode).toBe(403);
    const r = await api('PATCH', url, tokens.admin, { replyMode: 'gb', county: COUNTY_B });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      vin: VIN_OTHER,
      replyMode: 'gb',
      county: COUNTY_B,
      plateColour: '蓝',
    });
    const bad = await api('PATCH', url, tokens.admin, { plateColour: '紫' });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'LT_ERR_BAD_VEHICLE']);
    const none = await api('PATCH', '/api/trucks/vehicles/LSVAM41Z9F2000009', tokens.admin, {});
    expect(none.statusCode).toBe(404);
    const audit = await listAudit(t.db, {});
    const upd = audit.find(
      (a) => a.action === 'truck.vehicle.update' && a.target === `vehicle:${VIN_OTHER}`,
    );
    expect(upd?.detail).toMatchObject({ before: { replyMode: 'hj' }, after: { replyMode: 'gb' } });
    // The county it moved to sees it now; the one it left does not.
    expect((await api('GET', url, tokens.countyB)).statusCode).toBe(200);
    expect((await api('GET', url, tokens.countyA)).statusCode).toBe(403);
  });
});
