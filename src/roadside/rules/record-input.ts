/**
 * Checking one remote-sensing, black-smoke or roadside-check record as posted by a device or read
 * from an imported row (pure). Times are ISO 8601 with an offset, or "YYYY-MM-DD HH:mm[:ss]" in
 * Beijing time; a time that does not exist, lies before 2000 or more than `maxAheadMs` after now
 * is impossible. Measured values have physical ranges (docs/mobile-sources.md, record format).
 */
import type { Measured, Pollutant } from './limits.ts';
import { vehicleFields, type FieldProblem } from './vehicle-fields.ts';

/** A record as given (strings or numbers; empty = absent). */
export interface RecordInput {
  recordId?: string | null | undefined;
  time: string;
  place?: string | null | undefined;
  plate: string;
  plateColour: string;
  vin?: string | null | undefined;
  values: Partial<Record<Pollutant, number | string | null | undefined>>;
  /** The device's own verdict: 合格/不合格/pass/fail, or empty. */
  verdict?: string | null | undefined;
}

/** A record that passed the checks. */
export interface ValidRecord {
  recordId: string | null;
  at: number;
  place: string | null;
  plate: string;
  plateColour: string;
  vin: string | null;
  measured: Measured;
  deviceVerdict: 'pass' | 'fail' | null;
}

/** What the check found: a record, or the problem with the code it maps to. */
export type RecordCheck =
  | { ok: true; record: ValidRecord }
  | {
      ok: false;
      code: 'LT_ERR_ROADSIDE_BAD_TIME' | 'LT_ERR_ROADSIDE_BAD_RECORD';
      problem: FieldProblem;
    };

/** Upper bounds of the measured values (physical plausibility, not limits). */
const RANGES: Readonly<Record<Pollutant, [number, number]>> = {
  CO: [0, 20],
  HC: [0, 20_000],
  NO: [0, 10_000],
  opacity: [0, 30],
  ringelmann: [0, 5],
};

const EARLIEST = Date.UTC(2000, 0, 1);
const LOCAL_RE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Epoch ms of a record time, or null when it cannot be read or does not exist. */
export function parseRecordTime(s: string): number | null {
  const t = s.trim();
  if (ISO_RE.test(t)) {
    const ms = Date.parse(t);
    const [y, mo, d] = t.slice(0, 10).split('-').map(Number);
    const probe = new Date(Date.UTC(y!, mo! - 1, d!));
    return Number.isNaN(ms) || probe.getUTCDate() !== d || probe.getUTCMonth() !== mo! - 1
      ? null
      : ms;
  }
  const m = LOCAL_RE.exec(t);
  if (!m) return null;
  const [y, mo, d, h, mi, se] = m.slice(1).map((x) => Number(x ?? 0));
  if (h! > 23 || mi! > 59 || se! > 59) return null;
  const ms = Date.UTC(y!, mo! - 1, d!, h!, mi!, se!);
  const probe = new Date(ms);
  if (probe.getUTCMonth() !== mo! - 1 || probe.getUTCDate() !== d) return null;
  return ms - 8 * 3_600_000;
}

const text = (v: string | null | undefined): string | null => {
  const t = (v ?? '').trim();
  return t === '' ? null : t;
};

function value(p: Pollutant, v: number | string | null | undefined): number | null | FieldProblem {
  if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) return null;
  const n = typeof v === 'number' ? v : Number(v.trim());
  const [lo, hi] = RANGES[p];
  if (!Number.isFinite(n) || n < lo || n > hi)
    return { field: p, detail: `"${v}" 不是 ${lo}–${hi} 之间的数值` };
  if (p === 'ringelmann' && !Number.isInteger(n))
    return { field: p, detail: `林格曼黑度应为 0–5 级整数，收到 "${v}"` };
  return n;
}

function verdictOf(v: string | null | undefined): 'pass' | 'fail' | null | undefined {
  const t = (v ?? '').trim().toLowerCase();
  if (t === '') return null;
  if (['合格', '通过', 'pass', '0'].includes(t)) return 'pass';
  if (['不合格', '超标', 'fail', '1'].includes(t)) return 'fail';
  return undefined;
}

const bad = (field: string, detail: string): RecordCheck => ({
  ok: false,
  code: 'LT_ERR_ROADSIDE_BAD_RECORD',
  problem: { field, detail },
});

/** Checks a record against `now` (epoch ms) and the allowed clock skew. */
export function checkRecord(input: RecordInput, now: number, maxAheadMs: number): RecordCheck {
  const at = parseRecordTime(input.time);
  if (at === null || at < EARLIEST || at > now + maxAheadMs)
    return {
      ok: false,
      code: 'LT_ERR_ROADSIDE_BAD_TIME',
      problem: {
        field: 'time',
        detail:
          at === null
            ? `"${input.time}" 不是有效时间（YYYY-MM-DD HH:mm:ss 北京时间，或带时区的 ISO 8601）`
            : `"${input.time}" 早于 2000 年或晚于当前时间`,
      },
    };
  const vehicle = vehicleFields(input.plate, input.plateColour, input.vin);
  if ('field' in vehicle) return bad(vehicle.field, vehicle.detail);
  const measured: Record<string, number | null> = {};
  for (const p of ['CO', 'HC', 'NO', 'opacity', 'ringelmann'] as const) {
    const v = value(p, input.values[p]);
    if (v !== null && typeof v === 'object') return bad(v.field, v.detail);
    measured[p] = v;
  }
  if (Object.values(measured).every((v) => v === null))
    return bad('values', '至少应有一项测量值（CO、HC、NO、不透光度或林格曼黑度）');
  const verdict = verdictOf(input.verdict);
  if (verdict === undefined) return bad('verdict', `"${input.verdict}" 应为 合格 或 不合格`);
  const recordId = text(input.recordId);
  if (recordId !== null && recordId.length > 64) return bad('recordId', '记录编号不超过 64 个字符');
  const place = text(input.place);
  if (place !== null && place.length > 100) return bad('place', '地点不超过 100 个字符');
  return {
    ok: true,
    record: {
      recordId,
      at,
      place,
      ...vehicle,
      measured: measured as Measured,
      deviceVerdict: verdict,
    },
  };
}
