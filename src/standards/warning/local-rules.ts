// Local stricter starts layered over an edition (docs/warnings.md §3): regions may start
// warnings earlier than the national rule (the 2017 draft grading allows stricter local start
// conditions; Hebei cities start responses together under regional warnings). A local layer can
// only add start conditions (OR-ed with the edition's) and turn advice-only drivers into the
// industrial response, so it never lowers a level. Hebei/Handan-specific thresholds are
// UNVERIFIED (none found), so Handan ships with no layer; a layer is data, not code.
import { isPollutant } from '../pollutants.ts';
import { COLOURED_LEVELS, type ColouredLevel } from './levels.ts';
import {
  EPISODE_CAUSES,
  type AqiClause,
  type Driver,
  type DriverResponse,
  type LevelCondition,
  type WarningRuleSet,
} from './rule-set.ts';

/** A local rule set layered over an edition. */
export interface LocalRuleSet {
  /** Stable id recorded in every result, e.g. `handan-2025`. */
  id: string;
  /** Chinese name. */
  name: string;
  /** Where the local rule comes from (document number, or "configuration"). */
  source: string;
  verified: boolean;
  /** Extra start conditions per level, OR-ed with the edition's. */
  addConditions?: Partial<Record<ColouredLevel, readonly LevelCondition[]>>;
  /** Drivers answered with the coloured industrial response although the edition advises only. */
  industrialDrivers?: readonly Driver[];
}

/** A problem found in a local rule set. */
export interface LocalRuleIssue {
  path: string;
  detail: string;
}

/** True when the string names a driver (pollutant, cause or `unknown`). */
export function isDriver(value: unknown): value is Driver {
  return (
    typeof value === 'string' &&
    (isPollutant(value) ||
      (EPISODE_CAUSES as readonly string[]).includes(value) ||
      value === 'unknown')
  );
}

function clauseIssues(c: unknown, path: string): LocalRuleIssue[] {
  if (typeof c !== 'object' || c === null) return [{ path, detail: '应为对象' }];
  const o = c as Record<string, unknown>;
  const out: LocalRuleIssue[] = [];
  if (o['op'] !== '>' && o['op'] !== '>=')
    out.push({ path: `${path}.op`, detail: '应为 ">" 或 ">="' });
  const aqi = o['aqi'];
  if (typeof aqi !== 'number' || !Number.isFinite(aqi) || aqi < 0 || aqi > 500)
    out.push({ path: `${path}.aqi`, detail: '应为 0–500 的数' });
  const hours = o['hours'];
  if (typeof hours !== 'number' || !Number.isInteger(hours) || hours < 0 || hours > 24 * 31)
    out.push({ path: `${path}.hours`, detail: '应为 0–744 的整数（小时）' });
  return out;
}

function conditionIssues(c: unknown, path: string, ids: Set<string>): LocalRuleIssue[] {
  if (typeof c !== 'object' || c === null) return [{ path, detail: '应为对象' }];
  const o = c as Record<string, unknown>;
  const out: LocalRuleIssue[] = [];
  const id = o['id'];
  if (typeof id !== 'string' || id.trim() === '')
    out.push({ path: `${path}.id`, detail: '缺少条件编号' });
  else if (ids.has(id)) out.push({ path: `${path}.id`, detail: `条件编号 ${id} 重复` });
  else ids.add(id);
  if (typeof o['source'] !== 'string') out.push({ path: `${path}.source`, detail: '缺少依据' });
  if (typeof o['verified'] !== 'boolean')
    out.push({ path: `${path}.verified`, detail: '应为 true 或 false' });
  const all = o['allOf'];
  if (!Array.isArray(all) || all.length === 0)
    out.push({ path: `${path}.allOf`, detail: '至少需要一个条件' });
  else all.forEach((cl, i) => out.push(...clauseIssues(cl, `${path}.allOf[${i}]`)));
  return out;
}

/** Every problem of a local rule set read from JSON (empty when it is usable). */
export function localRuleIssues(value: unknown): LocalRuleIssue[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return [{ path: '', detail: '本地规则应为 JSON 对象' }];
  const o = value as Record<string, unknown>;
  const out: LocalRuleIssue[] = [];
  for (const k of ['id', 'name', 'source'] as const)
    if (typeof o[k] !== 'string' || (o[k] as string).trim() === '')
      out.push({ path: k, detail: '不能为空' });
  if (typeof o['verified'] !== 'boolean')
    out.push({ path: 'verified', detail: '应为 true 或 false' });
  const add = o['addConditions'];
  const ids = new Set<string>();
  if (add !== undefined) {
    if (typeof add !== 'object' || add === null || Array.isArray(add))
      out.push({ path: 'addConditions', detail: '应为按级别（yellow/orange/red）列出的对象' });
    else
      for (const [level, cs] of Object.entries(add)) {
        const path = `addConditions.${level}`;
        if (!(COLOURED_LEVELS as readonly string[]).includes(level))
          out.push({ path, detail: '级别只能是 yellow、orange 或 red' });
        else if (!Array.isArray(cs)) out.push({ path, detail: '应为条件数组' });
        else cs.forEach((c, i) => out.push(...conditionIssues(c, `${path}[${i}]`, ids)));
      }
  }
  const drivers = o['industrialDrivers'];
  if (drivers !== undefined) {
    if (!Array.isArray(drivers)) out.push({ path: 'industrialDrivers', detail: '应为数组' });
    else
      drivers.forEach((d, i) => {
        if (!isDriver(d))
          out.push({
            path: `industrialDrivers[${i}]`,
            detail: `未知的污染物或成因 "${String(d)}"`,
          });
      });
  }
  return out;
}

function copyClause(c: AqiClause): AqiClause {
  return { op: c.op, aqi: c.aqi, hours: c.hours };
}

/** The industrial response given to a driver that a local layer raises. */
function raised(base: DriverResponse, local: LocalRuleSet): DriverResponse {
  if (base.kind === 'industrial') return base;
  const measures = Array.from(new Set(['industrial-reduction' as const, ...base.measures]));
  return { kind: 'industrial', measures, source: `${local.name}（${local.source}）` };
}

/**
 * The rules of an edition with a local layer applied: the local conditions are added to each
 * level's alternatives; raised drivers get the industrial response. Throws a RangeError when the
 * layer is malformed (check `localRuleIssues` first to report every problem).
 */
export function layerRules(
  base: WarningRuleSet,
  local: LocalRuleSet | null | undefined,
): WarningRuleSet {
  if (!local) return base;
  const issues = localRuleIssues(local);
  if (issues.length > 0)
    throw new RangeError(
      `local warning rules '${local.id}': ${issues.map((i) => `${i.path} ${i.detail}`).join('; ')}`,
    );
  const baseIds = new Set(COLOURED_LEVELS.flatMap((l) => base.levels[l].map((c) => c.id)));
  const levels = {} as Record<ColouredLevel, LevelCondition[]>;
  for (const level of COLOURED_LEVELS) {
    const extra = (local.addConditions?.[level] ?? []).map((c) => {
      if (baseIds.has(c.id))
        throw new RangeError(`local warning rules '${local.id}': condition id ${c.id} is taken`);
      return { ...c, allOf: c.allOf.map(copyClause), layer: local.id };
    });
    levels[level] = [...base.levels[level], ...extra];
  }
  const responses = { ...base.responses };
  for (const d of local.industrialDrivers ?? []) responses[d] = raised(base.responses[d], local);
  return { levels, responses };
}
