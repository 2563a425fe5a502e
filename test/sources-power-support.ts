/**
 * Helpers of the sub-metering and LDAR tests: a city with two counties, two enterprises (a steel
 * works with a sintering line, its desulphurisation and dust facilities; a coking plant), and a
 * signed-in account of each kind. Enterprises, lines and facilities are written as rows: the
 * registry's own service is another part's.
 */
import type { FastifyInstance } from 'fastify';
import { upsertRegions } from '../src/air/region-repo.ts';
import { buildApp } from '../src/app.ts';
import { DEFAULT_AUTH_CONFIG } from '../src/auth/auth-config.ts';
import { createUser } from '../src/auth/user-service.ts';
import type { Clock } from '../src/clock.ts';
import { DEFAULT_POWER_CONFIG, type PowerConfig } from '../src/sources/power/power-config.ts';
import type { Db } from '../src/store/db.ts';
import { sessionCall, sessionHeaders, signInAll, type SessionAnswer } from './support/sign-in.ts';

export const WHO = { actor: 'test', ip: null };
/** Credit codes (GB 32100 check digits are the registry's business; these are only keys). */
export const STEEL = '91130481MA0A0STEE1';
export const COKE = '91130424MA0A0COKE2';
export const PASSWORD = 'Lantian-test-2024';
/** Accounts: city office, bureau, another department, two counties, two enterprises, visitor. */
export const ACCOUNTS = [
  'city',
  'bureau',
  'industry',
  'wuan',
  'chengan',
  'steel',
  'coke',
  'visitor',
] as const;

/** Ids of the seeded rows. */
export interface Seeded {
  steel: number;
  coke: number;
  sinter: number;
  desulph: number;
  dust: number;
}

/** Regions, the two enterprises with their line and facilities, and the accounts. */
export async function seedSources(db: Db, now: number): Promise<Seeded> {
  await upsertRegions(
    db,
    [
      { adcode: '130400', name: '邯郸市', parentAdcode: null, level: 'city' },
      { adcode: '130481', name: '武安市', parentAdcode: '130400', level: 'county' },
      { adcode: '130424', name: '成安县', parentAdcode: '130400', level: 'county' },
    ],
    now,
  );
  const k = db.kysely;
  const enterprise = async (credit_code: string, name: string, region: string, industry: string) =>
    (
      await k
        .insertInto('enterprises')
        .values({
          credit_code,
          name,
          region_adcode: region,
          address: null,
          lon: null,
          lat: null,
          industry,
          categories: '["ultra_low","ldar"]',
          grade: null,
          grade_edition: null,
          grade_date: null,
          positive_list: 0,
          positive_reason: null,
          positive_until: null,
          guarantee: 0,
          guarantee_reason: null,
          guarantee_until: null,
          key_discharger: 1,
          simulated: 0,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const steel = await enterprise(STEEL, '武安某钢铁有限公司', '130481', 'steel');
  const coke = await enterprise(COKE, '成安某焦化有限公司', '130424', 'coking');
  const sinter = (
    await k
      .insertInto('production_lines')
      .values({
        enterprise_id: steel,
        code: 'SJ1',
        name: '1# 烧结机',
        process: '烧结',
        capacity: '360 m²',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const facility = async (code: string, name: string, kind: string) =>
    (
      await k
        .insertInto('control_facilities')
        .values({
          enterprise_id: steel,
          line_id: sinter,
          code,
          name,
          kind,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const desulph = await facility('TL1', '1# 烧结脱硫', 'desulphurisation');
  const dust = await facility('CC1', '1# 烧结除尘', 'dust');
  const clock = { now: () => now };
  const user = (username: string, role: string, extra: Record<string, string> = {}) =>
    createUser(db, clock, WHO, {
      username,
      role,
      password: PASSWORD,
      mustChangePassword: false,
      ...extra,
    });
  await user('city', 'city-admin');
  await user('bureau', 'department', { department: '市生态环境局' });
  await user('industry', 'department', { department: '市工业和信息化局' });
  await user('wuan', 'county', { regionAdcode: '130481' });
  await user('chengan', 'county', { regionAdcode: '130424' });
  await user('steel', 'enterprise', { enterprise: STEEL });
  await user('coke', 'enterprise', { enterprise: COKE });
  await user('visitor', 'visitor');
  return { steel, coke, sinter, desulph, dust };
}

/** The application with every account signed in, and a caller as any of them. */
export async function signedInApp(
  db: Db,
  clock: Clock,
  power: PowerConfig = DEFAULT_POWER_CONFIG,
): Promise<{
  app: FastifyInstance;
  call: ReturnType<typeof sessionCall>;
  upload: (
    who: string,
    url: string,
    filename: string,
    data: Buffer | string,
  ) => Promise<SessionAnswer>;
  remove: (who: string, url: string) => Promise<number>;
  headers: (who: string) => Record<string, string>;
}> {
  const app = await buildApp({ db, clock, logLevel: false, auth: DEFAULT_AUTH_CONFIG, power });
  const sessions = await signInAll(app, ACCOUNTS, PASSWORD);
  const upload = async (who: string, url: string, filename: string, data: Buffer | string) => {
    const m = multipartFile(filename, data);
    const res = await app.inject({
      method: 'POST',
      url,
      headers: { ...sessionHeaders(sessions[who]!), ...m.headers },
      payload: m.payload,
    });
    return { status: res.statusCode, body: res.body === '' ? null : res.json() };
  };
  const remove = async (who: string, url: string) =>
    (await app.inject({ method: 'DELETE', url, headers: sessionHeaders(sessions[who]!) }))
      .statusCode;
  const headers = (who: string) => sessionHeaders(sessions[who]!);
  return { app, call: sessionCall(() => app, sessions), upload, remove, headers };
}

/** A multipart body with one file field. */
function multipartFile(
  filename: string,
  data: Buffer | string,
  type = 'text/csv',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----lantian' + Math.random().toString(36).slice(2);
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    Buffer.isBuffer(data) ? data : Buffer.from(data),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
