/**
 * Per-device pollutant-code aliases and unit conversions (pure). Real devices send 2005 codes,
 * vendor codes (`O3`, `a2106`) and PM in mg/m³ (docs/standards/hj212.md §1.10), so a device's
 * configuration says what each received code means:
 *
 *   { "a34004": { "pollutant": "PM2.5", "unit": "mg/m3" }, "O3": { "code": "a05024" },
 *     "a99": { "factor": 0.001 } }
 *
 * `pollutant` (a stored name like PM2.5, or an HJ 212 code) or `code` names the target code;
 * `unit` is the unit the device sends (ng/µg/mg/g per m³) or `factor` multiplies the value.
 * Canonical units (docs/architecture.md, Conventions): air stations µg/m³ and CO mg/m³ (GB 3095
 * Table 1); outlets mg/m³, the default concentration unit of HJ 212-2017 Table B.2. Without an
 * alias a station is assumed to send canonical units and an outlet the Table B.2 units.
 */
import { canonicalUnit, normalizePollutant } from '../air/pollutant-names.ts';
import { CODE_OF_POLLUTANT, CODES_2005 } from './hj212-codes.ts';

/** One alias as configured. */
export interface AliasSpec {
  pollutant?: string;
  code?: string;
  unit?: string;
  factor?: number;
}

/** Received code → alias. */
export type AliasMap = Record<string, AliasSpec>;

/** What a received code becomes. */
export interface CodeMapping {
  /** HJ 212-2017 code stored in device_values. */
  readonly code: string;
  /** Multiplier into the canonical unit. */
  readonly factor: number;
  /** Stored pollutant name for `readings` (air stations only), or undefined. */
  readonly pollutant: string | undefined;
}

/** Device kinds. */
export type DeviceKind = 'station' | 'outlet';

const MASS_PER_M3: Readonly<Record<string, number>> = {
  ng: 1e-9,
  µg: 1e-6,
  ug: 1e-6,
  mg: 1e-3,
  g: 1,
};
const CHINESE_PREFIX: Readonly<Record<string, string>> = {
  纳克: 'ng',
  微克: 'µg',
  毫克: 'mg',
  克: 'g',
};

/** Grams per unit of a mass concentration unit (`mg/m3`, `µg/m³`, `毫克/立方米` …), or undefined. */
export function massPerCubicMetre(unit: string): number | undefined {
  const u = unit.trim().replace('μ', 'µ').replace('³', '3').toLowerCase();
  const zh = /^(纳克|微克|毫克|克)\/立方米$/.exec(u);
  if (zh) return MASS_PER_M3[CHINESE_PREFIX[zh[1]!]!];
  const m = /^(ng|µg|ug|mg|g)\/m3$/.exec(u);
  return m ? MASS_PER_M3[m[1]!] : undefined;
}

/** The stored target code an alias names: a stored pollutant name or an HJ 212 code. */
function targetCode(name: string): string {
  const p = normalizePollutant(name);
  return p !== undefined ? (CODE_OF_POLLUTANT[p] ?? name) : name.trim();
}

/** Canonical mass-concentration unit (g/m³ per unit) of a code for a device kind, or undefined. */
function canonicalMass(kind: DeviceKind, code: string): number | undefined {
  if (kind === 'outlet') return 1e-3; // mg/m³, HJ 212-2017 Table B.2
  const p = normalizePollutant(code);
  if (p === undefined) return undefined;
  return canonicalUnit(p) === 'mg/m³' ? 1e-3 : 1e-6;
}

/** Checks an alias map; returns the first problem (Chinese) or undefined. */
export function aliasProblem(kind: DeviceKind, value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'aliases 应为 JSON 对象，如 {"a34004":{"pollutant":"PM2.5","unit":"mg/m3"}}';
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > 200) return 'aliases 最多 200 项';
  for (const [from, spec] of entries) {
    if (!/^[\w.-]{1,32}$/.test(from))
      return `别名代码 "${from}" 应为 1–32 位字母、数字、点、横线或下划线`;
    if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
      return `别名 "${from}" 应为对象`;
    }
    const s = spec as Record<string, unknown>;
    for (const k of Object.keys(s)) {
      if (!['pollutant', 'code', 'unit', 'factor'].includes(k))
        return `别名 "${from}" 含未知字段 "${k}"`;
    }
    for (const k of ['pollutant', 'code', 'unit'] as const) {
      if (s[k] !== undefined && (typeof s[k] !== 'string' || !/^\S.{0,31}$/u.test(s[k]))) {
        return `别名 "${from}" 的 ${k} 应为 1–32 个字符的文本`;
      }
    }
    if (s['pollutant'] !== undefined && s['code'] !== undefined) {
      return `别名 "${from}" 的 pollutant 与 code 只能写一个`;
    }
    if (s['unit'] !== undefined && s['factor'] !== undefined) {
      return `别名 "${from}" 的 unit 与 factor 只能写一个`;
    }
    if (s['factor'] !== undefined) {
      const f = s['factor'];
      if (typeof f !== 'number' || !Number.isFinite(f) || f <= 0) {
        return `别名 "${from}" 的 factor 应为正数`;
      }
    }
    if (typeof s['unit'] === 'string') {
      if (massPerCubicMetre(s['unit']) === undefined) {
        return `别名 "${from}" 的单位 "${s['unit']}" 不支持（可用 ng/m3、µg/m3、mg/m3、g/m3，或用 factor）`;
      }
      const to = targetCode(String(s['pollutant'] ?? s['code'] ?? from));
      if (canonicalMass(kind, to) === undefined) {
        return `别名 "${from}" 的目标 "${to}" 不是已知污染物，无法换算单位，请改用 factor`;
      }
    }
  }
  return undefined;
}

/** Maps received codes of one device to stored codes and factors, memoised per code. */
export class DeviceCodeMap {
  // One memo per edition family: no key string is built per lookup on the hot path.
  private readonly memo = new Map<string, CodeMapping>();
  private readonly memo2005 = new Map<string, CodeMapping>();

  constructor(
    private readonly kind: DeviceKind,
    private readonly aliases: Readonly<AliasMap>,
  ) {}

  /** Mapping of a received code; `edition2005` applies the 2005 code table (Table B.2). */
  get(received: string, edition2005: boolean): CodeMapping {
    const memo = edition2005 ? this.memo2005 : this.memo;
    let m = memo.get(received);
    if (m === undefined) {
      m = this.compute(received, edition2005);
      // A device sending ever new codes must not grow memory without bound.
      if (memo.size < 512) memo.set(received, m);
    }
    return m;
  }

  private compute(received: string, edition2005: boolean): CodeMapping {
    const alias = Object.hasOwn(this.aliases, received) ? this.aliases[received] : undefined;
    let code: string;
    if (alias?.pollutant !== undefined || alias?.code !== undefined) {
      code = targetCode((alias.pollutant ?? alias.code)!);
    } else {
      code = (edition2005 ? CODES_2005[received] : undefined) ?? received;
    }
    let factor = 1;
    if (alias?.factor !== undefined) factor = alias.factor;
    else if (alias?.unit !== undefined) {
      const from = massPerCubicMetre(alias.unit);
      const to = canonicalMass(this.kind, code);
      if (from !== undefined && to !== undefined) factor = Math.round((from / to) * 1e9) / 1e9;
    }
    const pollutant = this.kind === 'station' ? normalizePollutant(code) : undefined;
    return { code, factor, pollutant };
  }
}

/** Parses a stored aliases column (validated on the way in; bad JSON maps nothing). */
export function parseAliasColumn(text: string): AliasMap {
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as AliasMap) : {};
  } catch {
    return {};
  }
}
