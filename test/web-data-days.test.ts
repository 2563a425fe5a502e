/**
 * GET /api/data-days: which day a page opens on. A simulated Handan up to the end of 2020, then
 * stray rows in January 2021 (five hours of one national station on the 5th, a full day of the
 * same station on the 6th), imported as a user would (long CSV file): the city's last day with
 * data moves to 2021-01-06, its last assessable day stays 2020-12-31 (one station of four is not
 * the city's value); the station itself, unknown codes and bad dates answer as documented.
 */
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { fixedClock } from '../src/clock.ts';
import { simulateHandan } from '../src/demo/handan-simulation.ts';
import { importLongCsv } from '../src/imports/long-csv-import.ts';
import { loadPlan } from '../src/plan/plan-loader.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';

const NOW = Date.parse('2026-12-03T14:00:00+08:00');

/** Hourly PM2.5 rows of one station (local hours of the day). */
function strayRows(station: string, day: string, hours: number): string[] {
  return Array.from(
    { length: hours },
    (_, h) => `${station},${day} ${String(h).padStart(2, '0')}:00,PM2.5,${40 + h}`,
  );
}

describe.each(dialectsUnderTest())('data-days API on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  let base: string;
  let dir: string;

  const get = async (path: string) => {
    const res = await fetch(base + path);
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };

  beforeAll(async () => {
    t = await openTestStore(dialect);
    dir = mkdtempSync(join(tmpdir(), 'lantian-data-days-'));
    const clock = fixedClock(NOW);
    await loadPlan(t.db, clock, { actor: 'test', ip: null }, 'handan-2020');
    await simulateHandan(t.db, {
      perUnit: 1,
      fromDate: '2020-12-20',
      until: Date.parse('2021-01-01T00:00:00+08:00'),
      alsoStations: ['1047A', '1048A', '1049A', '1050A'],
    });
    const csv = join(dir, 'stray.csv');
    writeFileSync(
      csv,
      [
        'station,time,pollutant,value',
        ...strayRows('1047A', '2021-01-05', 5),
        ...strayRows('1047A', '2021-01-06', 24),
      ].join('\n') + '\n',
    );
    await importLongCsv(t.db, csv, { clock });
    app = await buildApp({ db: t.db, clock, logLevel: false, web: false });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('gives the city’s last assessable day, not the last day a stray station reported', async () => {
    const r = await get('/api/data-days');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      region: '130400',
      station: null,
      today: '2026-12-03',
      first: '2020-12-20',
      last: '2021-01-06',
      lastAssessable: '2020-12-31',
      stations: 4,
      required: 2,
    });
  });

  it('answers up to a given date, for a county and for a station, without a session', async () => {
    expect((await get('/api/data-days?date=2020-12-25')).body).toMatchObject({
      last: '2020-12-25',
      lastAssessable: '2020-12-25',
    });
    expect((await get('/api/data-days?date=2020-12-01')).body).toMatchObject({
      first: null,
      last: null,
      lastAssessable: null,
    });
    const county = await get('/api/data-days?region=130402');
    expect(county.body).toMatchObject({ region: '130402', lastAssessable: '2020-12-31' });
    const station = await get('/api/data-days?station=1047A');
    expect(station.body).toMatchObject({
      station: '1047A',
      last: '2021-01-06',
      lastAssessable: '2021-01-06',
      stations: 1,
      required: 1,
    });
  });

  it('refuses unknown regions, stations and bad dates with stable codes', async () => {
    expect(await get('/api/data-days?region=139999')).toMatchObject({
      status: 404,
      body: { code: 'LT_ERR_REGION_NOT_FOUND' },
    });
    expect(await get('/api/data-days?station=NOPE1')).toMatchObject({
      status: 404,
      body: { code: 'LT_ERR_STATION_NOT_FOUND' },
    });
    expect((await get('/api/data-days?date=2021-13-01')).status).toBe(400);
  });
});

describe.each(dialectsUnderTest())('station-day API on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    t = await openTestStore(dialect);
    const clock = fixedClock(NOW);
    await loadPlan(t.db, clock, { actor: 'test', ip: null }, 'handan-2020');
    await simulateHandan(t.db, {
      perUnit: 1,
      fromDate: '2020-12-30',
      until: Date.parse('2021-01-01T00:00:00+08:00'),
      alsoStations: ['1047A'],
    });
    app = await buildApp({ db: t.db, clock, logLevel: false, web: false });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  it('gives every station of the region its AQI of the day (the station API’s), null without data', async () => {
    const res = await fetch(`${base}/api/station-day?region=130400&date=2020-12-31`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.region).toEqual({ adcode: '130400', name: '邯郸市' });
    expect(body.simulated).toBe(true);
    const byCode = new Map<string, any>(body.stations.map((s: any) => [s.code, s.day]));
    // 1048A–1050A are registered by the plan but were not simulated: no data, no 404.
    expect(byCode.get('1048A')).toBeNull();
    const withData = body.stations.filter((s: any) => s.day !== null);
    expect(withData.length).toBeGreaterThan(20);
    for (const s of withData.slice(0, 5)) {
      const one = (await (
        await fetch(`${base}/api/stations/${s.code}/aqi/daily?from=2020-12-31&to=2020-12-31`)
      ).json()) as any;
      expect(s.day).toEqual(one.days[0]);
    }
    const before = await fetch(`${base}/api/station-day?region=130400&date=2020-12-01`);
    expect(((await before.json()) as any).stations.every((s: any) => s.day === null)).toBe(true);
    expect((await fetch(`${base}/api/station-day?region=139999&date=2020-12-31`)).status).toBe(404);
    expect((await fetch(`${base}/api/station-day?region=130400&date=nope`)).status).toBe(400);
  });
});
