/**
 * Scope over the device registry: a county account sees the devices of its own region only, is
 * refused another's with LT_ERR_OUT_OF_SCOPE, and never sees quarantined packets of unregistered
 * devices; the department that owns the monitoring network (市生态环境局, any spelling) sees
 * every device; other departments see none (docs/security.md).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertRegions } from '../src/air/region-repo.ts';
import { upsertStations } from '../src/air/station-repo.ts';
import { buildApp } from '../src/app.ts';
import { DEFAULT_AUTH_CONFIG } from '../src/auth/auth-config.ts';
import { createToken } from '../src/auth/token-service.ts';
import { createUser } from '../src/auth/user-service.ts';
import { systemClock } from '../src/clock.ts';
import { createDevice } from '../src/devices/device-service.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import { MN_AIR, seedDevices, T0, WHO } from './ingest-support.ts';

const MN_CONGTAI = '4C5400000000000000000403';

describe.each(dialectsUnderTest())('device scope on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};
  const get = async (who: string, url: string) => {
    const r = await app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${tokens[who]}` },
    });
    return { status: r.statusCode, body: r.json() };
  };

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await seedDevices(t.db);
    await upsertRegions(
      t.db,
      [
        { adcode: '130403', name: '丛台区', parentAdcode: '130400', level: 'county' },
        { adcode: '130402', name: '邯山区', parentAdcode: '130400', level: 'county' },
      ],
      T0,
    );
    await upsertStations(
      t.db,
      [
        {
          code: 'CT01',
          name: '丛台区站',
          regionAdcode: '130403',
          kind: '县控',
          lon: null,
          lat: null,
          pollutants: ['PM2.5'],
        },
      ],
      T0,
    );
    await createDevice(
      t.db,
      systemClock,
      {
        mn: MN_CONGTAI,
        kind: 'station',
        target: 'CT01',
        password: '123456',
        edition: 'auto',
        crc: 'standard',
        intervalS: 3600,
      },
      WHO,
    );
    await t.db.kysely
      .insertInto('quarantine')
      .values({
        received_at: T0,
        peer: '127.0.0.1:1',
        mn: 'UNKNOWN0001',
        reason: 'unknown_device',
        st: '22',
        cn: '2061',
        raw: '##0000',
      })
      .execute();
    const users: Array<[string, Parameters<typeof createUser>[3]]> = [
      [
        'congtai',
        {
          username: 'congtai',
          role: 'county',
          regionAdcode: '130403',
          password: 'Lantian-test-2024',
        },
      ],
      [
        'hanshan',
        {
          username: 'hanshan',
          role: 'county',
          regionAdcode: '130402',
          password: 'Lantian-test-2024',
        },
      ],
      [
        'eco',
        {
          username: 'eco',
          role: 'department',
          department: '生态环境局',
          password: 'Lantian-test-2024',
        },
      ],
      [
        'ecoByCode',
        {
          username: 'eco2',
          role: 'department',
          department: 'sthjj',
          password: 'Lantian-test-2024',
        },
      ],
      [
        'industry',
        {
          username: 'industry',
          role: 'department',
          department: '市工业和信息化局',
          password: 'Lantian-test-2024',
        },
      ],
    ];
    for (const [key, input] of users) {
      const u = await createUser(t.db, systemClock, WHO, input);
      tokens[key] = (await createToken(t.db, systemClock, WHO, u.id, 'scope', null)).token;
    }
    app = await buildApp({
      db: t.db,
      clock: systemClock,
      logLevel: false,
      auth: DEFAULT_AUTH_CONFIG,
      web: false,
    });
  });
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  it('lists only the devices of a county’s own region', async () => {
    const mine = await get('congtai', '/api/devices');
    expect(mine.status).toBe(200);
    expect(mine.body.map((d: { mn: string }) => d.mn)).toEqual([MN_CONGTAI]);
    expect((await get('hanshan', '/api/devices')).body).toEqual([]);
    const all = (await get('eco', '/api/devices')).body.map((d: { mn: string }) => d.mn);
    expect(all).toContain(MN_CONGTAI);
    expect(all).toContain(MN_AIR);
  });

  it('refuses a county another region’s device and its recent data', async () => {
    expect((await get('congtai', `/api/devices/${MN_CONGTAI}`)).status).toBe(200);
    for (const url of [`/api/devices/${MN_AIR}`, `/api/devices/${MN_AIR}/recent`]) {
      const r = await get('congtai', url);
      expect(r.status).toBe(403);
      expect(r.body.code).toBe('LT_ERR_OUT_OF_SCOPE');
    }
    expect((await get('hanshan', `/api/devices/${MN_CONGTAI}`)).status).toBe(403);
  });

  it('shows quarantined packets to the city departments, never to a county', async () => {
    expect((await get('congtai', '/api/ingest/quarantine')).body).toEqual([]);
    expect(
      (await get('eco', '/api/ingest/quarantine')).body.map((q: { mn: string }) => q.mn),
    ).toEqual(['UNKNOWN0001']);
  });

  it('shows the devices to the department that owns the network only', async () => {
    const byCode = (await get('ecoByCode', '/api/devices')).body.map((d: { mn: string }) => d.mn);
    expect(byCode).toContain(MN_AIR);
    expect(byCode).toContain(MN_CONGTAI);
    expect((await get('ecoByCode', `/api/devices/${MN_AIR}/recent`)).status).toBe(200);
    const other = await get('industry', '/api/devices');
    expect(other.status).toBe(200);
    expect(other.body).toEqual([]);
    for (const url of [`/api/devices/${MN_AIR}`, `/api/devices/${MN_AIR}/recent`]) {
      const r = await get('industry', url);
      expect(r.status).toBe(403);
      expect(r.body.code).toBe('LT_ERR_OUT_OF_SCOPE');
    }
    expect((await get('industry', '/api/ingest/quarantine')).body).toEqual([]);
  });
});
