/**
 * The device registry: service rules with stable codes and audit records, the CSV import with
 * per-row results, the CLI (`lantian device …`) and the HTTP API (`/api/devices`), including the
 * roles each route declares.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { listAudit } from '../src/audit/audit-log.ts';
import { DEFAULT_AUTH_CONFIG } from '../src/auth/auth-config.ts';
import { createToken } from '../src/auth/token-service.ts';
import { createUser } from '../src/auth/user-service.ts';
import { systemClock } from '../src/clock.ts';
import {
  createDevice,
  importDevices,
  removeDevice,
  updateDevice,
} from '../src/devices/device-service.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { injectWithToken } from './support/sign-in.ts';
import { errorCode as code, MN_AIR, PW, seedDevices, STATION, WHO } from './ingest-support.ts';

const run = promisify(execFile);
const MN = '0A0B0C0D0E0F000000000001';
const good = {
  mn: MN,
  kind: 'outlet',
  target: 'DA100',
  password: PW,
  edition: '2017',
  crc: 'standard',
  intervalS: 60,
};

describe.each(dialectsUnderTest())('device registry on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  let admin = '';
  let county = '';
  const api = (method: string, url: string, token: string, payload?: unknown) =>
    injectWithToken(app, method, url, token, payload);

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await seedDevices(t.db);
    const password = 'Lantian-test-2024';
    const a = await createUser(t.db, systemClock, WHO, {
      username: 'admin',
      role: 'city-admin',
      password,
    });
    const c = await createUser(t.db, systemClock, WHO, {
      username: 'county',
      role: 'county',
      regionAdcode: '130400',
      password,
    });
    admin = (await createToken(t.db, systemClock, WHO, a.id, 'test', null)).token;
    county = (await createToken(t.db, systemClock, WHO, c.id, 'test', null)).token;
    app = await buildApp({
      db: t.db,
      clock: systemClock,
      logLevel: false,
      auth: DEFAULT_AUTH_CONFIG,
    });
  });
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  it('creates, updates and removes devices with audit records', async () => {
    const d = await createDevice(t.db, systemClock, good, WHO);
    expect(d).toMatchObject({ mn: MN, kind: 'outlet', target: 'DA100', interval_s: 60 });
    const o = await t.db.kysely
      .selectFrom('outlets')
      .selectAll()
      .where('code', '=', 'DA100')
      .executeTakeFirstOrThrow();
    expect(o.name).toBe('DA100'); // created on first use, name = code
    const u = await updateDevice(
      t.db,
      systemClock,
      MN,
      { password: 'abcdef', intervalS: 120 },
      WHO,
    );
    expect(u).toMatchObject({ password: 'abcdef', interval_s: 120, edition: '2017' });
    await removeDevice(t.db, systemClock, MN, WHO);
    const audit = await listAudit(t.db, { target: `device:${MN}` });
    expect(audit.map((a) => a.action)).toEqual(['device.delete', 'device.update', 'device.create']);
    expect(audit[1]!.detail).toMatchObject({ passwordChanged: true, after: { intervalS: 120 } });
    expect(JSON.stringify(audit)).not.toContain('abcdef'); // passwords never reach the audit log
  });

  it.each([
    [{ target: 'NOPE', kind: 'station' }, 'LT_ERR_STATION_NOT_FOUND'],
    [{ mn: 'bad mn!' }, 'LT_ERR_BAD_MN'],
    [{ mn: MN_AIR }, 'LT_ERR_DEVICE_EXISTS'],
    [{ edition: '2030' }, 'LT_ERR_BAD_DEVICE'],
    [{ crc: 'crc32' }, 'LT_ERR_BAD_DEVICE'],
    [{ intervalS: -5 }, 'LT_ERR_BAD_DEVICE'],
    [{ aliases: { a34004: { unit: 'ppm' } } }, 'LT_ERR_BAD_DEVICE'],
  ])('refuses %j with %s', async (patch, expected) => {
    expect(
      await code(
        createDevice(t.db, systemClock, { ...good, mn: '0A0B0C0D0E0F000000000002', ...patch }, WHO),
      ),
    ).toBe(expected);
  });

  it('refuses unknown devices on update and removal', async () => {
    expect(
      await code(
        updateDevice(t.db, systemClock, '0A0B0C0D0E0F0000000000FF', { intervalS: 5 }, WHO),
      ),
    ).toBe('LT_ERR_DEVICE_NOT_FOUND');
    expect(await code(removeDevice(t.db, systemClock, '0A0B0C0D0E0F0000000000FF', WHO))).toBe(
      'LT_ERR_DEVICE_NOT_FOUND',
    );
  });

  it('imports row by row: good rows are saved, bad rows reported, re-import updates', async () => {
    const rows = [
      { line: 2, input: { ...good, mn: '0A0B0C0D0E0F000000000010' } },
      {
        line: 3,
        input: { ...good, mn: '0A0B0C0D0E0F000000000011', kind: 'station', target: 'NOPE' },
      },
      { line: 4, input: { ...good, mn: '0A0B0C0D0E0F000000000010', target: 'DA101' } },
      { line: 5, input: { ...good, mn: 'x;y' } },
    ];
    const r1 = await importDevices(t.db, systemClock, rows, WHO);
    expect(r1.map((r) => [r.line, r.status, r.code])).toEqual([
      [2, 'created', undefined],
      [3, 'rejected', 'LT_ERR_STATION_NOT_FOUND'],
      [4, 'rejected', 'LT_ERR_DEVICE_EXISTS'],
      [5, 'rejected', 'LT_ERR_BAD_MN'],
    ]);
    const r2 = await importDevices(t.db, systemClock, rows.slice(0, 1), WHO);
    expect(r2[0]!.status).toBe('updated');
  });

  it('serves /api/devices to the roles each route declares', async () => {
    expect((await api('GET', '/api/devices', '')).statusCode).toBe(401);
    const list = await api('GET', '/api/devices', county);
    expect(list.statusCode).toBe(200);
    expect(list.json().map((d: { mn: string }) => d.mn)).toContain(MN_AIR);
    expect(JSON.stringify(list.json())).not.toContain('"password"');
    const body = { ...good, mn: '0A0B0C0D0E0F000000000020' };
    expect((await api('POST', '/api/devices', county, body)).statusCode).toBe(403);
    const created = await api('POST', '/api/devices', admin, body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      mn: body.mn,
      target: 'DA100',
      intervalS: 60,
      lastPacketAt: null,
    });
    const patched = await api('PATCH', `/api/devices/${body.mn}`, admin, {
      intervalS: 300,
      aliases: { '02': { code: 'a21026' } },
    });
    expect(patched.json()).toMatchObject({ intervalS: 300, aliases: { '02': { code: 'a21026' } } });
    expect((await api('GET', `/api/devices/${body.mn}`, admin)).json()).toMatchObject({
      intervalS: 300,
    });
    // The outlet was created without a region: it belongs to no county, so a county may not see it.
    expect((await api('GET', `/api/devices/${body.mn}`, county)).json()).toMatchObject({
      code: 'LT_ERR_OUT_OF_SCOPE',
    });
    expect((await api('DELETE', `/api/devices/${body.mn}`, admin)).statusCode).toBe(204);
    expect((await api('GET', `/api/devices/${body.mn}`, admin)).json()).toMatchObject({
      code: 'LT_ERR_DEVICE_NOT_FOUND',
    });
    const audit = await listAudit(t.db, { target: `device:${body.mn}` });
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ['device.delete', 'token:test@admin'],
      ['device.update', 'token:test@admin'],
      ['device.create', 'token:test@admin'],
    ]);
  });

  it.each([
    [{ ...good, mn: 'bad mn' }, 400, 'LT_ERR_BAD_MN'],
    [{ ...good, mn: MN_AIR }, 409, 'LT_ERR_DEVICE_EXISTS'],
    [
      { ...good, mn: '0A0B0C0D0E0F000000000030', kind: 'station', target: 'NOPE' },
      404,
      'LT_ERR_STATION_NOT_FOUND',
    ],
    [{ ...good, mn: '0A0B0C0D0E0F000000000031', crc: 'x' }, 400, 'LT_ERR_BAD_DEVICE'],
    [{ mn: '0A0B0C0D0E0F000000000032' }, 400, 'LT_ERR_BAD_REQUEST'],
  ])('POST /api/devices refuses %j with %s %s', async (body, status, expected) => {
    const r = await api('POST', '/api/devices', admin, body);
    expect(r.statusCode).toBe(status);
    expect(r.json().code).toBe(expected);
  });

  it('registers the short MNs and long passwords of real loggers, with a warning', async () => {
    const body = { ...good, mn: 'LB4200001', password: '0123456789ABCDEF01234567' };
    const created = await api('POST', '/api/devices', admin, body);
    expect(created.statusCode).toBe(201);
    expect(created.json().warnings).toHaveLength(2);
    expect(created.json().warnings[0]).toContain('HJ 212-2017 表 3');
    const strict = await buildApp({
      db: t.db,
      clock: systemClock,
      logLevel: false,
      auth: DEFAULT_AUTH_CONFIG,
      idLimits: { mn: { min: 14, max: 24 }, pwMax: 16 },
    });
    const refused = await strict.inject({
      method: 'POST',
      url: '/api/devices',
      headers: { authorization: `Bearer ${admin}` },
      payload: { ...body, mn: 'SD000009' },
    });
    await strict.close();
    expect(refused.json().code).toBe('LT_ERR_BAD_MN');
    expect((await api('DELETE', '/api/devices/LB4200001', admin)).statusCode).toBe(204);
  });

  it('answers 503 for ingest status when no listener runs in the process', async () => {
    const r = await api('GET', '/api/ingest/status', admin);
    expect(r.statusCode).toBe(503);
    expect(r.json().code).toBe('LT_ERR_INGEST_NOT_RUNNING');
  });

  it('imports a registry CSV with the CLI, reporting bad rows with exit code 3', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantian-devices-'));
    const csv = join(dir, 'devices.csv');
    writeFileSync(
      csv,
      'mn,kind,target,password,edition,crc,interval_s,name\n' +
        `0A0B0C0D0E0F000000000040,station,${STATION},123456,auto,standard,3600,东站\n` +
        '0A0B0C0D0E0F000000000041,outlet,DA200,123456,2005,modbus,60,\n' +
        '0A0B0C0D0E0F000000000042,station,NOPE,123456,auto,standard,3600,\n' +
        'sh;ort,outlet,DA201,123456,auto,standard,60,\n' +
        'SD000001,outlet,DA202,0123456789ABCDEF01234567,auto,standard,60,\n',
    );
    const env = { ...process.env, ...t.env, LANTIAN_LOG_LEVEL: 'warn' };
    const first = await run(process.execPath, ['bin/lantian', 'device', 'import', csv], {
      env,
    }).catch((e) => e);
    expect(first.code).toBe(3);
    expect(first.stdout).toContain('新增 3，更新 0，拒绝 2');
    expect(first.stderr).toContain(':6 SD000001 警告：MN "SD000001" 为 8 位');
    expect(first.stderr).toContain(':4 0A0B0C0D0E0F000000000042 [LT_ERR_STATION_NOT_FOUND]');
    expect(first.stderr).toContain(':5 sh;ort [LT_ERR_BAD_MN]');
    const list = await run(process.execPath, ['bin/lantian', 'device', 'list', '--json'], { env });
    const listed = JSON.parse(list.stdout) as Array<{
      mn: string;
      crc: string;
      name: string | null;
    }>;
    expect(listed.find((d) => d.mn === '0A0B0C0D0E0F000000000041')).toMatchObject({
      crc: 'modbus',
    });
    expect(listed.find((d) => d.mn === '0A0B0C0D0E0F000000000040')).toMatchObject({ name: '东站' });
    const dup = await run(
      process.execPath,
      [
        'bin/lantian',
        'device',
        'add',
        '--mn',
        '0A0B0C0D0E0F000000000041',
        '--kind',
        'outlet',
        '--target',
        'DA200',
        '--password',
        'x',
        '--interval',
        '60',
      ],
      { env },
    ).catch((e) => e);
    expect(dup.code).toBe(5);
    expect(dup.stderr).toContain('LT_ERR_DEVICE_EXISTS');
    const gone = await run(
      process.execPath,
      ['bin/lantian', 'device', 'remove', '0A0B0C0D0E0F0000000000EE'],
      { env },
    ).catch((e) => e);
    expect(gone.code).toBe(4);
    const audit = await listAudit(t.db, { target: 'device:0A0B0C0D0E0F000000000041' });
    expect(audit[0]!.actor).toMatch(/^cli:/);
    rmSync(dir, { recursive: true, force: true });
  }, 180_000);
});
