/**
 * The simulator's value models and packet streams, without sockets: plausible ranges, the
 * diurnal and seasonal shapes of a north-China city, the O2 correction of CEMS data, hourly
 * packets built from the hour's samples, unique QNs, and determinism by seed.
 */
import { describe, expect, it } from 'vitest';
import { cpItems, Hj212Decoder, type Hj212Packet } from '../src/protocols/hj212/index.ts';
import { AIR_CODES, AirStationModel } from '../src/simulator/air-model.ts';
import {
  beijingHour,
  formatDataTime,
  formatQn,
  parseDataTime,
  parseStartTime,
} from '../src/simulator/beijing-time.ts';
import { CemsOutletModel, o2Corrected } from '../src/simulator/cems-model.ts';
import { DevicePacketStream, type ScheduledPacket } from '../src/simulator/device-stream.ts';
import { buildFleet, type SimDevice } from '../src/simulator/fleet.ts';
import { mixSeed, Prng } from '../src/simulator/prng.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (iso: string) => Date.parse(iso + '+08:00');

/** Hourly samples of `stations` stations over `days` days from `start`. */
function airSeries(start: number, days: number, stations = 3, seed = 11) {
  const out: Array<{ ms: number; values: readonly number[] }> = [];
  for (let s = 0; s < stations; s++) {
    const m = new AirStationModel(seed, new Prng(mixSeed(seed, s)));
    for (let t = start; t < start + days * DAY; t += HOUR)
      out.push({ ms: t, values: m.sample(t).values });
  }
  return out;
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

const col = (code: string) => AIR_CODES.indexOf(code as (typeof AIR_CODES)[number]);

describe('air station values', () => {
  const year = airSeries(at('2023-01-01T00:00:00'), 365);

  it('stay within plausible ranges, PM2.5 never above PM10', () => {
    const max: Record<string, number> = {
      a21026: 500,
      a21004: 300,
      a21005: 15,
      a05024: 450,
      a34002: 900,
      a34004: 600,
    };
    for (const { values } of year) {
      AIR_CODES.forEach((code, i) => {
        expect(values[i]!).toBeGreaterThan(0);
        expect(values[i]!).toBeLessThan(max[code]!);
      });
      expect(values[col('a34004')]!).toBeLessThanOrEqual(values[col('a34002')]!);
    }
    // Annual means near a north-China city's (PM2.5 ~50, NO2 ~35, O3 ~60 µg/m³, CO ~1 mg/m³).
    const annual = (code: string) => mean(year.map((r) => r.values[col(code)]!));
    expect(annual('a34004')).toBeGreaterThan(30);
    expect(annual('a34004')).toBeLessThan(90);
    expect(annual('a21004')).toBeGreaterThan(20);
    expect(annual('a21004')).toBeLessThan(60);
    expect(annual('a21005')).toBeGreaterThan(0.5);
    expect(annual('a21005')).toBeLessThan(2);
  });

  it('have an afternoon O3 peak and traffic peaks of NO2', () => {
    const byHour = (code: string, h: number) =>
      mean(
        year.filter((r) => Math.floor(beijingHour(r.ms)) === h).map((r) => r.values[col(code)]!),
      );
    expect(byHour('a05024', 15)).toBeGreaterThan(2 * byHour('a05024', 6));
    expect(byHour('a21004', 8)).toBeGreaterThan(byHour('a21004', 14));
    expect(byHour('a21004', 20)).toBeGreaterThan(byHour('a21004', 14));
    expect(byHour('a21005', 21)).toBeGreaterThan(byHour('a21005', 14));
    expect(byHour('a34004', 23)).toBeGreaterThan(byHour('a34004', 15));
  });

  it('have winter PM and CO and summer O3', () => {
    const monthMean = (code: string, month: number) =>
      mean(
        year
          .filter((r) => new Date(r.ms + 8 * HOUR).getUTCMonth() === month)
          .map((r) => r.values[col(code)]!),
      );
    expect(monthMean('a34004', 0)).toBeGreaterThan(2 * monthMean('a34004', 6));
    expect(monthMean('a21005', 0)).toBeGreaterThan(monthMean('a21005', 6));
    expect(monthMean('a05024', 5)).toBeGreaterThan(1.5 * monthMean('a05024', 0));
  });

  it('have city-wide haze episodes in winter', () => {
    const winter = airSeries(at('2023-11-15T00:00:00'), 120, 2);
    const daily = new Map<number, number[]>();
    for (const r of winter) {
      const d = Math.floor((r.ms + 8 * HOUR) / DAY);
      daily.set(d, [...(daily.get(d) ?? []), r.values[col('a34004')]!]);
    }
    const heavy = [...daily.values()].filter((v) => mean(v) > 150).length;
    expect(heavy).toBeGreaterThan(2);
    expect(heavy).toBeLessThan(60);
  });
});

describe('CEMS values', () => {
  it('report O2-corrected averages and emission amounts consistent with flow', () => {
    for (let s = 0; s < 6; s++) {
      const m = new CemsOutletModel(new Prng(mixSeed(5, s)));
      for (let t = at('2024-03-01T00:00:00'); t < at('2024-03-02T00:00:00'); t += 120_000) {
        const items = new Map(m.sample(t, 60).map((it) => [it.code, it]));
        const v = (code: string, suffix: string) =>
          items.get(code)!.values.find((x) => x.suffix === suffix)!.value;
        const o2 = v('a19001', 'Avg');
        const flow = v('a00000', 'Avg');
        expect(o2).toBeGreaterThan(2);
        expect(o2).toBeLessThan(20);
        expect(flow).toBeGreaterThan(5);
        expect(flow).toBeLessThan(1000);
        expect(v('a01012', 'Avg')).toBeGreaterThan(20);
        expect(v('a00000', 'Cou')).toBeCloseTo(flow * 60, -1);
        for (const code of ['a34013', 'a21026', 'a21002']) {
          const c = v(code, 'Avg');
          expect(c).toBeGreaterThan(0);
          expect(v(code, 'ZsAvg')).toBeLessThan(400);
          expect(v(code, 'ZsAvg')).toBeCloseTo(o2Corrected(c, o2, m.o2Ref), 1);
          expect(v(code, 'Cou')).toBeCloseTo((c * flow * 60) / 1e6, 2);
        }
      }
    }
  });
});

/** The first `n` packets of a device's stream. */
function take(dev: SimDevice, n: number, seed = 3, start = at('2024-01-15T00:00:00')) {
  const s = new DevicePacketStream(dev, { seed, startMs: start, phaseMs: 0, ack: true, limit: n });
  const out: ScheduledPacket[] = [];
  for (let p = s.next(); p; p = s.next()) out.push(p);
  return out;
}

function decodeAll(frames: Buffer[]): Hj212Packet[] {
  const dec = new Hj212Decoder({ maxFrameLength: 9999 });
  const events = dec.push(Buffer.concat(frames));
  expect(events.every((e) => e.ok)).toBe(true);
  return events.flatMap((e) => (e.ok ? [e.packet] : []));
}

describe('device packet streams', () => {
  const fleet = (kind: 'air' | 'cems' | 'mixed', edition: '2017' | '2005' | '2025' = '2017') =>
    buildFleet({ devices: 4, kind, edition, mnPrefix: '4C54', password: '123456', intervalS: 60 });

  it('are identical for the same seed and differ for another', () => {
    const a = take(fleet('mixed')[1]!, 200, 42).map((p) => p.frame.toString());
    const b = take(fleet('mixed')[1]!, 200, 42).map((p) => p.frame.toString());
    const c = take(fleet('mixed')[1]!, 200, 43).map((p) => p.frame.toString());
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('decode with the codec, with unique increasing QNs and the Table 3 header', () => {
    const packets = take(fleet('air')[0]!, 500);
    const decoded = decodeAll(packets.map((p) => p.frame));
    expect(decoded).toHaveLength(500);
    const qns = decoded.map((p) => p.qn!);
    for (const q of qns) expect(q).toMatch(/^\d{17}$/);
    expect([...qns].sort()).toEqual(qns);
    expect(new Set(qns).size).toBe(qns.length);
    for (const p of decoded) {
      expect(p).toMatchObject({ st: '22', pw: '123456', flag: 5, version: '2017' });
      expect(p.mn).toBe('4C5400000000000000000001');
    }
  });

  it('send a 2061 per completed hour whose averages are the means of the hour', () => {
    const packets = take(fleet('air')[0]!, 24 * 61);
    const hourly = packets.filter((p) => p.cn === '2061');
    expect(hourly.length).toBe(24);
    for (const h of hourly) {
      const hourMs = parseDataTime(h.dataTime);
      expect(formatDataTime(hourMs)).toMatch(/0000$/); // interval start, on the hour (Table 4)
      const rt = packets.filter(
        (p) =>
          p.cn === '2011' &&
          parseDataTime(p.dataTime) >= hourMs &&
          parseDataTime(p.dataTime) < hourMs + HOUR,
      );
      expect(rt).toHaveLength(60);
      const avg = cpItems(h.packet).items;
      for (const code of AIR_CODES) {
        const m = mean(rt.map((p) => Number(cpItems(p.packet).items.get(code)!.Rtd)));
        expect(Number(avg.get(code)!.Avg)).toBeCloseTo(m, code === 'a21005' ? 2 : 0);
        expect(avg.get(code)!.Flag).toMatch(/^[ND]$/);
      }
      // Sent after the hour it covers.
      expect(h.simMs).toBeGreaterThanOrEqual(hourMs + HOUR);
    }
  });

  it('give CEMS minute packets interval-start DataTimes and hourly sums of -Cou', () => {
    const packets = take(fleet('cems')[0]!, 200);
    const minute = packets.filter((p) => p.cn === '2051');
    for (const p of minute) expect(p.dataTime).toMatch(/00$/);
    // The first hour is partial (the run starts at 00:00, its first minute value covers 23:59).
    const h = packets.filter((p) => p.cn === '2061')[1]!;
    const hourMs = parseDataTime(h.dataTime);
    const inHour = minute.filter(
      (p) => parseDataTime(p.dataTime) >= hourMs && parseDataTime(p.dataTime) < hourMs + HOUR,
    );
    expect(inHour).toHaveLength(60);
    const sum = inHour.reduce((a, p) => a + Number(cpItems(p.packet).items.get('a21026')!.Cou), 0);
    expect(Number(cpItems(h.packet).items.get('a21026')!.Cou)).toBeCloseTo(sum, 3);
    const keys = cpItems(minute[0]!.packet).items.get('a21002')!;
    expect(Object.keys(keys).sort()).toEqual(['Avg', 'Cou', 'Flag', 'ZsAvg']);
    expect(minute[0]!.packet.st).toBe('31');
  });

  it('use the Flag and MN length of the edition', () => {
    const p2005 = decodeAll(take(fleet('air', '2005')[0]!, 3).map((p) => p.frame));
    expect(p2005[0]).toMatchObject({ version: '2005', flag: 1 });
    expect(p2005[0]!.mn).toHaveLength(14);
    const p2025 = decodeAll(take(fleet('air', '2025')[0]!, 3).map((p) => p.frame));
    expect(p2025[0]).toMatchObject({ version: '2025', flag: 9 });
  });
});

describe('Beijing time helpers', () => {
  it('format DataTime and QN in UTC+8 and read --start-time', () => {
    const t = Date.UTC(2024, 0, 14, 16, 5, 9, 7); // 2024-01-15 00:05:09.007 Beijing
    expect(formatDataTime(t)).toBe('20240115000509');
    expect(formatQn(t)).toBe('20240115000509007');
    expect(parseDataTime('20240115000509')).toBe(t - 7);
    expect(parseStartTime('2024-01-15T00:05:09')).toBe(t - 7);
    expect(parseStartTime('2024-01-14T16:05:09Z')).toBe(t - 7);
    expect(parseStartTime('2024-01-15')).toBe(Date.UTC(2024, 0, 14, 16));
    expect(() => parseStartTime('yesterday')).toThrow(
      expect.objectContaining({ code: 'LT_ERR_BAD_REQUEST' }),
    );
  });
});
