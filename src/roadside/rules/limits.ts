/**
 * The per-record judgement (pure): which measured quantities of one remote-sensing, black-smoke or
 * roadside-check record exceed their limits. Limits are those of HJ 845-2017 as far as known
 * (docs/standards/remote-sensing.md §1, all UNVERIFIED, hence settings) and the black-smoke
 * threshold (docs/standards/remote-sensing.md §3). The rule version names every setting used, so
 * a stored judgement says exactly what it was judged by.
 */

/** Quantities a record may carry and be judged on. */
export const POLLUTANTS = ['CO', 'HC', 'NO', 'opacity', 'ringelmann'] as const;
export type Pollutant = (typeof POLLUTANTS)[number];

/** Chinese names of the quantities (UI, notices, errors). */
export const POLLUTANT_NAMES: Readonly<Record<Pollutant, string>> = {
  CO: 'CO',
  HC: 'HC',
  NO: 'NO',
  opacity: '不透光度（光吸收系数）',
  ringelmann: '林格曼黑度',
};

/** The limits and the over-standard rule settings. */
export interface RoadsideRules {
  /** Light-absorption coefficient, m⁻¹: fails above (HJ 845 §5, UNVERIFIED default 1.2). */
  opacityLimit: number;
  /** NO, ppm: fails above (HJ 845 §5, UNVERIFIED default 1500). */
  noLimitPpm: number;
  /** Ringelmann grade at or above which a record fails (UNVERIFIED default 2). */
  ringelmannFailAt: number;
  /** CO, %: fails above; null = not judged (no national gasoline limit found). */
  coLimitPct: number | null;
  /** HC, ppm: fails above; null = not judged. */
  hcLimitPpm: number | null;
  /** Natural months of the over-standard window (default 6). */
  windowMonths: number;
  /** Whether the two failures must be consecutive measurements of that pollutant (default true). */
  consecutive: boolean;
}

/** The measured values of a record (null: not measured). */
export type Measured = Readonly<Record<Pollutant, number | null>>;

/** The version string recorded with every judgement: the standard and every setting used. */
export function ruleVersion(r: RoadsideRules): string {
  return [
    'HJ845-2017',
    `opacity>${r.opacityLimit}`,
    `NO>${r.noLimitPpm}`,
    `ringelmann>=${r.ringelmannFailAt}`,
    `CO>${r.coLimitPct ?? '-'}`,
    `HC>${r.hcLimitPpm ?? '-'}`,
    `${r.windowMonths}m${r.consecutive ? '-consecutive' : ''}`,
  ].join(';');
}

const over = (v: number | null, limit: number | null) => v !== null && limit !== null && v > limit;

/** The quantities of a record that exceed their limits, in POLLUTANTS order. */
export function failingPollutants(m: Measured, r: RoadsideRules): Pollutant[] {
  const out: Pollutant[] = [];
  if (over(m.CO, r.coLimitPct)) out.push('CO');
  if (over(m.HC, r.hcLimitPpm)) out.push('HC');
  if (over(m.NO, r.noLimitPpm)) out.push('NO');
  if (over(m.opacity, r.opacityLimit)) out.push('opacity');
  if (m.ringelmann !== null && m.ringelmann >= r.ringelmannFailAt) out.push('ringelmann');
  return out;
}
