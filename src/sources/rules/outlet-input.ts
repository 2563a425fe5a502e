/**
 * Checks of an outlet registration (pure): code, kind, stack height, the HJ 212 pollutant codes it
 * monitors (docs/standards/hj212.md §1.10), the reference O2, the MNs of its devices and its limit
 * overrides. Whether the MNs, the line and the code are free is the service's question.
 */
import type { FieldIssue } from './enterprise-input.ts';
import { OUTLET_KINDS, isCode } from './registry-codes.ts';

/** A limit override as a caller gives it (mg/m³ at the reference O2). */
export interface LimitInput {
  pollutant: string;
  limit: number;
  refO2?: number | null | undefined;
  basis: string;
}

/** An outlet as a caller gives it. */
export interface OutletInput {
  code: string;
  name?: string | null | undefined;
  /** flue_gas | voc | dust, or the Chinese name. */
  kind?: string | undefined;
  heightM?: number | null | undefined;
  pollutants?: readonly string[] | undefined;
  refO2?: number | null | undefined;
  mustReport?: boolean | undefined;
  /** Code of the enterprise's production line. */
  line?: string | null | undefined;
  /** MNs of the HJ 212 devices that report for it. */
  mns?: readonly string[] | undefined;
  limits?: readonly LimitInput[] | undefined;
}

/** A checked limit override. */
export interface ValidLimit {
  pollutant: string;
  limit: number;
  refO2: number | null;
  basis: string;
}

/** A checked outlet. */
export interface ValidOutlet {
  code: string;
  name: string;
  kind: keyof typeof OUTLET_KINDS;
  heightM: number | null;
  pollutants: string[];
  refO2: number | null;
  mustReport: boolean;
  line: string | null;
  mns: string[];
  limits: ValidLimit[];
}

/** Codes of the registry (outlets, lines, facilities): no spaces or URL delimiters, 1–64 characters. */
export const REGISTRY_CODE = /^[^\s/?#%\\]{1,64}$/;

const POLLUTANT = /^[a-z]\d{5}$/;

const bad = (field: string, detail: string): FieldIssue => ({
  field,
  code: 'LT_ERR_BAD_OUTLET',
  detail,
});

/** The kind's code from a code or its Chinese name, or undefined. */
export function outletKindOf(s: string): keyof typeof OUTLET_KINDS | undefined {
  const t = s.trim();
  if (isCode(OUTLET_KINDS, t)) return t;
  return (Object.keys(OUTLET_KINDS) as Array<keyof typeof OUTLET_KINDS>).find(
    (k) => OUTLET_KINDS[k].toLowerCase() === t.toLowerCase(),
  );
}

function refO2Issue(field: string, v: number | null): FieldIssue[] {
  return v !== null && !(Number.isFinite(v) && v >= 0 && v < 21)
    ? [bad(field, `基准氧含量 ${v} 应在 0～21（%）之间`)]
    : [];
}

/** Checks the limit overrides: known-format pollutants, positive limits, a basis, no repeats. */
export function checkLimits(
  limits: readonly LimitInput[],
): { ok: true; limits: ValidLimit[] } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const out: ValidLimit[] = [];
  for (const l of limits) {
    const pollutant = l.pollutant.trim().toLowerCase();
    if (!POLLUTANT.test(pollutant))
      issues.push(bad('limits', `污染物代码 "${l.pollutant}" 应为 HJ 212-2017 编码（如 a34013）`));
    else if (out.some((o) => o.pollutant === pollutant))
      issues.push(bad('limits', `污染物 ${pollutant} 的限值重复`));
    if (!(Number.isFinite(l.limit) && l.limit > 0))
      issues.push(bad('limits', `${pollutant} 的限值 ${l.limit} 应为正数（mg/m³）`));
    const refO2 = l.refO2 ?? null;
    issues.push(...refO2Issue('limits', refO2));
    const basis = l.basis.trim();
    if (!basis) issues.push(bad('limits', `${pollutant} 的限值须写明依据`));
    out.push({ pollutant, limit: l.limit, refO2, basis });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, limits: out };
}

/** Checks an outlet. Every problem is returned, not only the first. */
export function checkOutlet(
  input: OutletInput,
): { ok: true; value: ValidOutlet } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const code = input.code.trim();
  if (!REGISTRY_CODE.test(code))
    issues.push(bad('code', `排放口编码 "${code}" 应为 1～64 个字符，不含空格和 / ? # % \\`));
  const kind = outletKindOf(input.kind ?? 'flue_gas');
  if (kind === undefined)
    issues.push(
      bad('kind', `排放口类型 "${input.kind}" 应为 flue_gas（烟气）、voc（VOCs）或 dust（扬尘）`),
    );
  const heightM = input.heightM ?? null;
  if (heightM !== null && !(Number.isFinite(heightM) && heightM > 0 && heightM <= 500))
    issues.push(bad('heightM', `排气筒高度 ${heightM} 应在 0～500 m 之间`));
  const pollutants: string[] = [];
  for (const p of input.pollutants ?? []) {
    const c = p.trim().toLowerCase();
    if (!POLLUTANT.test(c))
      issues.push(bad('pollutants', `污染物代码 "${p}" 应为 HJ 212-2017 编码（如 a21026）`));
    else if (!pollutants.includes(c)) pollutants.push(c);
  }
  const refO2 = input.refO2 ?? null;
  issues.push(...refO2Issue('refO2', refO2));
  const mns: string[] = [];
  for (const m of input.mns ?? []) {
    const t = m.trim();
    if (!t) continue;
    if (mns.includes(t))
      issues.push({ field: 'mns', code: 'LT_ERR_OUTLET_MN_TAKEN', detail: `MN ${t} 重复` });
    else mns.push(t);
  }
  const limits = checkLimits(input.limits ?? []);
  if (!limits.ok) issues.push(...limits.issues);
  const line = input.line?.trim() || null;
  if (issues.length > 0 || kind === undefined || !limits.ok) return { ok: false, issues };
  return {
    ok: true,
    value: {
      code,
      name: input.name?.trim() || code,
      kind,
      heightM,
      pollutants,
      refO2,
      mustReport: input.mustReport ?? true,
      line,
      mns,
      limits: limits.limits,
    },
  };
}
