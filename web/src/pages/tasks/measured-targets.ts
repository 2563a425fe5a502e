/**
 * Plan targets the platform measures itself, beside what departments report (pure, no DOM): for a
 * measure number and target id, which API gives the measured figure, how to say it in Chinese and
 * which page shows the detail. The first entry is the 2020 plan's 三.(三).6.1 t1 — 12,600 heavy
 * diesel trucks with remote monitoring networked — measured by GET /api/trucks/networked (a
 * registered vehicle that sent data within the window counts; city accounts also get the ratio
 * to the target, county accounts their own vehicles only).
 */
import type { TruckNetworked } from '../../api/types.ts';
import { formatNumber, formatPercent } from '../../lib/format.ts';

/** A measured target as the tasks page uses it. */
export interface MeasuredTarget {
  number: string;
  targetId: string;
  /** The API path (GET) whose body `phrase` reads. */
  path: string;
  /** The dashboard page with the detail, and the link's text. */
  page: { to: string; label: string };
  /** The measured figure in words, from the API's body; null when it does not count toward it. */
  phrase(body: unknown): string | null;
}

/** Builds an entry whose phrase is typed by the API's body. */
function measured<T>(
  m: Omit<MeasuredTarget, 'phrase'> & { phrase(body: T): string | null },
): MeasuredTarget {
  return { ...m, phrase: (body) => m.phrase(body as T) };
}

/** A ratio (0–1) as a percentage; two decimals below 1 % so a small fleet does not read 0.0 %. */
function ratioText(ratio: number): string {
  const pct = ratio * 100;
  return formatPercent(pct, pct < 1 ? 2 : 1);
}

/** The plan target the networked trucks count toward (the server's default setting). */
const NETWORKED_TARGET = { number: '三.(三).6.1', targetId: 't1' } as const;

/**
 * The networked trucks against 三.(三).6.1 t1, as GET /api/trucks/networked reports them; null
 * when the server counts them toward another target (LANTIAN_TRUCKS_PLAN_TARGET changed).
 */
export function networkedPhrase(n: TruckNetworked): string | null {
  const t = n.target;
  if (t && (t.number !== NETWORKED_TARGET.number || t.targetId !== NETWORKED_TARGET.targetId)) {
    return null;
  }
  const county = n.ratio === null && n.target !== null;
  const basis = `近 ${n.windowDays} 天有数据的登记车辆${county ? '；区县账号只计本辖区，不计占目标比例' : ''}`;
  const count =
    n.registered === 0
      ? `尚无登记车辆，已联网 0 辆（${basis}）`
      : `${county ? '本辖区' : ''}已联网 ${formatNumber(n.networked)} 辆（${basis}）`;
  const share = n.ratio !== null ? `，占目标 ${ratioText(n.ratio)}` : '';
  return `系统测得：${count}${share}`;
}

/** Every target the platform measures, by measure number and target id. */
export const MEASURED_TARGETS: readonly MeasuredTarget[] = [
  measured<TruckNetworked>({
    ...NETWORKED_TARGET,
    path: '/api/trucks/networked',
    page: { to: '/trucks', label: '查看重型柴油车' },
    phrase: networkedPhrase,
  }),
];

/** The measured entry for a measure's target, or null when the platform does not measure it. */
export function measuredTarget(number: string, targetId: string): MeasuredTarget | null {
  return MEASURED_TARGETS.find((m) => m.number === number && m.targetId === targetId) ?? null;
}
