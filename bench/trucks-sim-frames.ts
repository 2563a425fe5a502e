/**
 * Frames of the truck bench: VINs with a correct GB 16735 check digit and 10-second HJ 1239
 * real-time frames whose values drift like a driving truck (speed ramps and cruises over a
 * 10-minute cycle, load-dependent rpm, fuel and air flow, NOx before and after the SCR, SCR
 * temperatures, position and mileage; every 50th truck has a high downstream NOx).
 */
import { encodeMessage, vinCheckDigit } from '../src/protocols/gb17691/index.ts';
import { streamBlock } from '../src/protocols/gb17691/test-frames.ts';

const PERIOD_MS = 10_000;

/** The bench's VINs (shared with bench/trucks-ingest.ts). */
export function benchVin(i: number): string {
  const raw = `LHDTK00X0A${String(i).padStart(7, '0')}`;
  return raw.slice(0, 8) + vinCheckDigit(raw) + raw.slice(9);
}

const iso = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00';

/** A 10-second frame of truck i ending at `end` (ms, whole second). */
export function frameOf(i: number, vin: string, end: number, serial: number): Buffer {
  const start = end - PERIOD_MS;
  return encodeMessage({
    kind: 'realtime',
    command: 0x02,
    vin,
    layout: 'hj1239',
    sendTime: iso(end),
    serial: serial & 0xffff,
    blocks: Array.from({ length: 10 }, (_, s) => {
      const t = start + s * 1000;
      const phase = (t / 1000 + i * 7) % 600;
      const speed = phase < 60 ? phase : phase > 540 ? 600 - phase : 55 + 10 * Math.sin(phase / 30);
      const load = speed / 80;
      return streamBlock(iso(t), null, {
        speed: Math.round(speed * 256) / 256,
        rpm: 700 + Math.round(load * 1200),
        torque: Math.round(20 + load * 60),
        fuelFlow: Math.round((3 + load * 35) * 20) / 20,
        airFlow: Math.round((150 + load * 900) * 20) / 20,
        noxUpstream: Math.round((300 + load * 500) * 20) / 20,
        noxDownstream: Math.round((20 + load * 60 + (i % 50 === 0 ? 400 : 0)) * 20) / 20,
        scrInletTemp: 180 + Math.round(load * 150),
        scrOutletTemp: 170 + Math.round(load * 140),
        reagent: 60,
        lon: Math.round((114.4 + (i % 100) / 1000 + ((t / 1000) % 600) / 1e5) * 1e6) / 1e6,
        lat: Math.round((36.5 + (i % 77) / 1000) * 1e6) / 1e6,
        mileage: Math.round((10_000 + i + ((t / 1000) % 86_400) / 60) * 10) / 10,
      });
    }),
    signature: null,
  });
}

