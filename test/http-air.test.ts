/**
 * The air API over HTTP, on a real listening socket, against the 2016 Beijing data: figures equal
 * the service's, bad input gets `{ code, message }` with a stable code.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { fixedClock } from '../src/clock.ts';
import { importPrsa } from '../src/imports/prsa-import.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';

describe.each(dialectsUnderTest())('air API on %s', (dialect) => {
  let t: TestStore;
  let app: FastifyInstance;
  let base: string;
  const get = async (path: string): Promise<{ status: number; body: any }> => {
    const res = await fetch(base + path);
    return { status: res.status, body: await res.json() };
  };

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await importPrsa(t.db, 'test/fixtures/prsa-2016');
    app = await buildApp({ db: t.db, clock: fixedClock(0), logLevel: false });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  it('lists regions and stations, and a region with its children', async () => {
    const regions = await get('/api/regions');
    expect(regions.status).toBe(200);
    expect(regions.body.map((r: { adcode: string }) => r.adcode)).toContain('110000');
    const bj = await get('/api/regions/110000');
    expect(bj.body).toMatchObject({ name: '北京市', stationCount: 12 });
    expect(bj.body.children).toHaveLength(8);
    const st = await get('/api/stations?region=110101');
    expect(st.body.map((s: { code: string }) => s.code)).toEqual(['1003A', '1004A']);
    expect((await get('/api/stations/1003A')).body).toMatchObject({
      name: '东四',
      kind: '国控',
      pollutants: ['PM2.5', 'PM10', 'SO2', 'NO2', 'CO', 'O3'],
    });
  });

  it('serves the 2016 assessment with the figures the bulletin published', async () => {
    const r = await get('/api/regions/110000/assessment?from=2016-01-01&to=2016-12-31');
    expect(r.status).toBe(200);
    expect(r.body.pollutants.CO.p95).toBe(3.2);
    expect(r.body.pollutants.O3_8h.p90).toBe(199);
    expect(r.body.days).toMatchObject({ good: 198, heavy: 39 });
    expect(r.body.edition.aqi).toBe('HJ633-2012');
  });

  it('says in the assessment JSON which days were left out and why', async () => {
    const r = await get('/api/regions/110000/assessment?from=2016-09-01&to=2016-09-30');
    expect(r.status).toBe(200);
    expect(r.body.days).toMatchObject({ total: 30, valid: 28, incompleteCounted: 0 });
    expect(r.body.days.excluded).toMatchObject({
      total: 2,
      byReason: { no_data: 1, missing_indicator: 1, too_few_stations: 0 },
    });
    expect(r.body.days.excluded.days[1]).toMatchObject({
      date: '2016-09-07',
      reason: 'missing_indicator',
      missing: { O3_8h: 'too_few_stations', CO: 'no_value' },
      partialAqi: null,
    });
    expect(r.body.rules).toEqual({
      minStationShare: 0.5,
      incompleteAqi: 'withhold',
      countIncompleteDays: false,
    });
    const d = await get('/api/regions/110000/aqi/daily?from=2016-09-07&to=2016-09-07');
    expect(d.body.days[0]).toMatchObject({ aqi: null, complete: false });
    expect(d.body.days[0].missing).toContain('O3_8h');
  });

  it('serves a station-day AQI series and hourly readings with interval-start times', async () => {
    const d = await get('/api/stations/1003A/aqi/daily?from=2016-01-01&to=2016-01-03');
    expect(d.status).toBe(200);
    expect(d.body.days).toHaveLength(3);
    const h = await get(
      '/api/stations/1003A/readings?from=2016-01-01&to=2016-01-01&pollutant=PM2.5,CO',
    );
    expect(h.status).toBe(200);
    expect(h.body.series['PM2.5'][0]).toMatchObject({
      time: '2016-01-01T00:00:00+08:00',
      value: 200,
    });
    expect(h.body.series['CO'][0].value).toBeCloseTo(3.4, 10);
    expect(Object.keys(h.body.series).sort()).toEqual(['CO', 'PM2.5']);
  });

  it.each([
    ['/api/regions/11000x/assessment?from=2016-01-01&to=2016-12-31', 400, 'LT_ERR_BAD_ADCODE'],
    [
      '/api/regions/120000/assessment?from=2016-01-01&to=2016-12-31',
      404,
      'LT_ERR_REGION_NOT_FOUND',
    ],
    ['/api/regions/110000/assessment?from=2019-01-01&to=2019-12-31', 404, 'LT_ERR_NO_DATA'],
    ['/api/regions/110000/assessment?from=2016-12-31&to=2016-01-01', 400, 'LT_ERR_BAD_RANGE'],
    ['/api/regions/110000/assessment?from=2016-02-30&to=2016-03-01', 400, 'LT_ERR_BAD_DATE'],
    ['/api/regions/110000/assessment?from=2016-01-01', 400, 'LT_ERR_BAD_REQUEST'],
    [
      '/api/regions/110000/aqi/daily?from=2016-01-01&to=2016-01-02&edition=HJ633-1999',
      400,
      'LT_ERR_BAD_REQUEST',
    ],
    ['/api/stations/NOPE', 404, 'LT_ERR_STATION_NOT_FOUND'],
    ['/api/stations/1003A/readings?from=2016-01-01&to=2016-12-31', 400, 'LT_ERR_BAD_RANGE'],
    [
      '/api/stations/1003A/readings?from=2016-01-01&to=2016-01-02&pollutant=XYZ',
      400,
      'LT_ERR_POLLUTANT_UNKNOWN',
    ],
    ['/api/nothing-here', 404, 'LT_ERR_NOT_FOUND'],
  ])('answers %s with %i %s', async (path, status, code) => {
    const r = await get(path);
    expect(r.status).toBe(status);
    expect(r.body.code).toBe(code);
    expect(typeof r.body.message).toBe('string');
  });

  it('publishes its OpenAPI document at /docs', async () => {
    const doc = await get('/docs/json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/regions/{adcode}/assessment', '/api/stations/{code}/readings']),
    );
  });
});
