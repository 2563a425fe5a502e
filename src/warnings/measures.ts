/**
 * The shared vocabulary of the emergency response: the measures an enterprise takes at a warning
 * level (stored as JSON in emergency_matrix_cells, emergency_overrides and emergency_list_items)
 * and the pollutants the 10 / 20 / 30 % reduction targets count. The lists (src/warnings/lists/)
 * write these; the compliance checks (src/warnings/compliance/) and the evaluation read them.
 */

/**
 * Kinds of measure (technical guide 环办大气函〔2020〕340号 and docs/warnings.md, and the fact sheet standards-warnings-grading.md §2.4):
 * - `self-determined`: reductions decided by the enterprise (A, A+, 引领性) — nothing enforced;
 * - `limit-output`: production limited by `pct` % against the limit baseline (限产基准);
 * - `stop-lines`: `pct` % of production lines stopped, or the lines named in `lines` (codes);
 * - `stop`: the whole production stops (its production lines should be off);
 * - `stop-kilns`: kilns / furnaces named in `lines` (or all kiln lines) stop;
 * - `truck-ban`: no heavy trucks of China IV or lower (gas included) for bulk transport;
 * - `road-transport-stop`: no road transport of materials at all;
 * - `nonroad-ban`: no non-road machinery of China II and below;
 * - `voc-stagger`: VOC-emitting work moved out of the midday hours (错峰错时), `hours` as text;
 * - `other`: a measure in words (`text`).
 */
export type MeasureKind =
  | 'self-determined'
  | 'limit-output'
  | 'stop-lines'
  | 'stop'
  | 'stop-kilns'
  | 'truck-ban'
  | 'road-transport-stop'
  | 'nonroad-ban'
  | 'voc-stagger'
  | 'other';

/** One measure. */
export interface Measure {
  kind: MeasureKind;
  /** Percentage for limit-output / stop-lines, 0–100. */
  pct?: number;
  /** Production-line codes (production_lines.code) the measure names. */
  lines?: string[];
  /** Allowed working hours for voc-stagger, e.g. "18:00–次日10:00". */
  hours?: string;
  /** Words, in Chinese (always for `other`, optional otherwise). */
  text?: string;
}

/** Pollutants the reduction targets count (SO2, NOx, particulate matter, VOCs). */
export type ReductionPollutant = 'SO2' | 'NOx' | 'PM' | 'VOCs';
/** Every reduction pollutant, in the order lists show them. */
export const REDUCTION_POLLUTANTS: readonly ReductionPollutant[] = ['SO2', 'NOx', 'PM', 'VOCs'];

/** An enterprise's daily emission of one pollutant before the episode, and where it comes from. */
export interface PollutantBaseline {
  kgPerDay: number;
  /** 'cems': measured hourly amounts (-Cou); 'registry': permits / registry values. */
  source: 'cems' | 'registry';
}

/** Per-pollutant baselines of a list item (emergency_list_items.baseline). */
export type ItemBaseline = Partial<Record<ReductionPollutant, PollutantBaseline>>;
/** Per-pollutant expected daily reductions of a list item, kg/day (emergency_list_items.expected). */
export type ItemExpected = Partial<Record<ReductionPollutant, number>>;
