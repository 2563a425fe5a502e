/**
 * Fixtures of the registry tests: Handan with two counties, two enterprises A (丛台区) and B
 * (邯山区) each with a line, a facility and an outlet reporting through a device, three outlet
 * devices registered by the device registry, and accounts of every kind with API tokens.
 */
import type { FastifyInstance } from 'fastify';
import { upsertRegions } from '../src/air/region-repo.ts';
import { buildApp } from '../src/app.ts';
import { DEFAULT_AUTH_CONFIG } from '../src/auth/auth-config.ts';
import { createToken } from '../src/auth/token-service.ts';
import { createUser } from '../src/auth/user-service.ts';
import { fixedClock } from '../src/clock.ts';
import { createDevice } from '../src/devices/device-service.ts';
import { creditCheckChar } from '../src/sources/rules/credit-code.ts';
import type { Db } from '../src/store/db.ts';
import { injectWithToken } from './support/sign-in.ts';

export const T0 = Date.UTC(2020, 5, 1);
export const CLOCK = fixedClock(T0);
export const WHO = { actor: 'test', ip: null };

/** A valid credit code registered in `adcode` with a serial number. */
export const creditCode = (adcode: string, serial: string): string => {
  const body = `91${adcode}${serial.padStart(9, '0')}`;
  return body + creditCheckChar(body);
};

export const CODE_A = creditCode('130403', 'MA0A00001');
export const CODE_B = creditCode('130402', 'MA0B00002');
/** Outlet devices registered by the device registry (outlets DA-A, DA-B, LEGACY without enterprise). */
export const MN_A = 'A1B2C3D4E5F60000000000A1';
export const MN_B = 'A1B2C3D4E5F60000000000B1';
export const MN_FREE = 'A1B2C3D4E5F60000000000F1';

/** Accounts by key: role and binding. */
const ACCOUNTS: Record<string, Record<string, string>> = {
  admin: { role: 'city-admin' },
  eco: { role: 'department', department: '生态环境局' },
  industry: { role: 'department', department: '市工业和信息化局' },
  congtai: { role: 'county', regionAdcode: '130403' },
  hanshan: { role: 'county', regionAdcode: '130402' },
  entA: { role: 'enterprise', enterprise: CODE_A },
  visitor: { role: 'visitor' },
};

/** The seeded store's application and a call as one of the accounts. */
export interface RegistryFixture {
  app: FastifyInstance;
  call: (
    who: string,
    method: string,
    url: string,
    body?: unknown,
  ) => Promise<{ status: number; body: any }>;
  /** Uploads one file as multipart/form-data. */
  upload: (
    who: string,
    url: string,
    filename: string,
    data: Buffer,
  ) => Promise<{ status: number; body: any }>;
  /** The headers that authenticate an account. */
  headers: (who: string) => Record<string, string>;
  /** A GET answered with bytes (downloads). */
  download: (who: string, url: string) => Promise<{ status: number; type: string; data: Buffer }>;
}

/** Seeds regions, devices and accounts; builds the application. */
export async function registryFixture(db: Db): Promise<RegistryFixture> {
  await upsertRegions(
    db,
    [
      { adcode: '130400', name: '邯郸市', parentAdcode: null, level: 'city' },
      { adcode: '130403', name: '丛台区', parentAdcode: '130400', level: 'county' },
      { adcode: '130402', name: '邯山区', parentAdcode: '130400', level: 'county' },
    ],
    T0,
  );
  const base = { password: '123456', crc: 'standard', intervalS: 3600, edition: '2017' };
  for (const [mn, target] of [
    [MN_A, 'DA-A'],
    [MN_B, 'DA-B'],
    [MN_FREE, 'LEGACY'],
  ] as const)
    await createDevice(db, CLOCK, { ...base, mn, kind: 'outlet', target }, WHO);
  const tokens: Record<string, string> = {};
  for (const [username, a] of Object.entries(ACCOUNTS)) {
    const u = await createUser(db, CLOCK, WHO, {
      username,
      password: 'Lantian-test-2020',
      ...(a as { role: 'visitor' }),
    });
    tokens[username] = (await createToken(db, CLOCK, WHO, u.id, 't', null)).token;
  }
  const app = await buildApp({
    db,
    clock: CLOCK,
    logLevel: false,
    auth: DEFAULT_AUTH_CONFIG,
    web: false,
  });
  const call: RegistryFixture['call'] = async (who, method, url, body) => {
    const r = await injectWithToken(app, method, url, tokens[who] ?? '', body);
    return { status: r.statusCode, body: r.body ? r.json() : null };
  };
  const upload: RegistryFixture['upload'] = async (who, url, filename, data) => {
    const boundary = `----lantian${Math.random().toString(16).slice(2)}`;
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
    const r = await app.inject({
      method: 'POST',
      url,
      payload: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        authorization: `Bearer ${tokens[who]}`,
      },
    });
    return { status: r.statusCode, body: r.json() };
  };
  const download: RegistryFixture['download'] = async (who, url) => {
    const r = await app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${tokens[who]}` },
    });
    return { status: r.statusCode, type: String(r.headers['content-type']), data: r.rawPayload };
  };
  const headers = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
  return { app, call, upload, download, headers };
}

/** Registers enterprises A and B over the API with a line, a facility and an outlet each. */
export async function seedEnterprises(f: RegistryFixture): Promise<void> {
  const one = async (code: string, region: string, name: string, mn: string, outlet: string) => {
    const steps: Array<[string, string, unknown]> = [
      [
        'POST',
        '/api/sources/enterprises',
        {
          creditCode: code,
          name,
          regionAdcode: region,
          industry: 'coking',
          categories: ['ultra_low'],
          grade: 'B',
          gradeEdition: '2020',
          gradeDate: '2020-03-01',
          keyDischarger: true,
        },
      ],
      [
        'POST',
        `/api/sources/enterprises/${code}/lines`,
        { code: 'L1', name: '1号焦炉', process: '焦炉' },
      ],
      [
        'POST',
        `/api/sources/enterprises/${code}/facilities`,
        { code: 'F1', name: '脱硫塔', kind: 'desulphurisation', line: 'L1' },
      ],
      [
        'POST',
        `/api/sources/enterprises/${code}/outlets`,
        {
          code: outlet,
          name: '焦炉烟囱',
          heightM: 80,
          pollutants: ['a34013', 'a21026', 'a21002'],
          refO2: 8,
          line: 'L1',
          mns: [mn],
          limits: [{ pollutant: 'a21026', limit: 30, basis: '河北省地方标准' }],
        },
      ],
    ];
    for (const [method, url, body] of steps) {
      const r = await f.call('admin', method, url, body);
      if (r.status !== 201)
        throw new Error(`${method} ${url}: ${r.status} ${JSON.stringify(r.body)}`);
    }
  };
  await one(CODE_A, '130403', '甲焦化有限公司', MN_A, 'DA-A');
  await one(CODE_B, '130402', '乙焦化有限公司', MN_B, 'DA-B');
}
