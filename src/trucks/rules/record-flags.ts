/**
 * Per-record judgement flags (pure). No national numeric rule exists for "suspected exceedance"
 * (疑似超标) from remote OBD data: standards-mobile-limits.md §2 found none, and lists only the
 * tampering signs the data stream supports. The flags below code those signs; every threshold is
 * UNVERIFIED and therefore configuration (LANTIAN_TRUCKS_*, trucks-config.ts, docs/trucks.md).
 *
 *   nox_high           SCR downstream NOx above a threshold while the SCR is warm
 *                      (threshold: configuration, no national value — §2).
 *   scr_no_conversion  downstream NOx ≈ upstream NOx with the SCR inlet warm (≥ ≈ 200 °C) —
 *                      §2 "downstream NOx ≈ upstream NOx with the SCR inlet warm".
 *   reagent_empty      reagent level 0 while driving — §2 "reagent level frozen or 0 while driving".
 *   nox_invalid        downstream NOx invalid (all 0xFF) while the engine runs and the SCR is warm —
 *                      §2 "invalid (0xFF) sensor fields"; only when warm, because terminals send
 *                      NOx as invalid before the SCR is ready (§1.5, FNE200).
 */

/** Thresholds of the record rules (all UNVERIFIED; defaults in trucks-config.ts). */
export interface RecordRuleConfig {
  /** Downstream NOx above this (ppm) with the SCR warm is flagged. */
  readonly noxDownstreamMaxPpm: number;
  /** SCR inlet temperature (°C) from which the SCR is taken to be working. */
  readonly scrWarmC: number;
  /** Upstream NOx (ppm) below which the conversion check is not made (too little to judge). */
  readonly minUpstreamPpm: number;
  /** Downstream ÷ upstream at or above this counts as "no conversion". */
  readonly conversionRatio: number;
  /** Speed (km/h) from which the vehicle counts as driving. */
  readonly movingKmh: number;
}

/** Version stored with each flagged record; change it when a rule's logic changes. */
export const RECORD_RULE_VERSION = 'trucks-record-1';

/** The fields of a data-stream record the rules read (null = invalid or absent). */
export interface RecordReadings {
  speed: number | null;
  rpm: number | null;
  noxUpstream: number | null;
  noxDownstream: number | null;
  scrInletTemp: number | null;
  reagent: number | null;
}

/** Stable codes of the record flags. */
export type RecordFlagCode = 'nox_high' | 'scr_no_conversion' | 'reagent_empty' | 'nox_invalid';

/** One flag with its reason (Chinese, with the values that raised it). */
export interface RecordFlag {
  code: RecordFlagCode;
  detail: string;
}

/** The flags of one record (empty when none applies). */
export function recordFlags(r: RecordReadings, c: RecordRuleConfig): RecordFlag[] {
  const flags: RecordFlag[] = [];
  const warm = r.scrInletTemp !== null && r.scrInletTemp >= c.scrWarmC;
  if (warm && r.noxDownstream !== null && r.noxDownstream > c.noxDownstreamMaxPpm) {
    flags.push({
      code: 'nox_high',
      detail: `SCR 下游 NOx ${r.noxDownstream} ppm 高于 ${c.noxDownstreamMaxPpm} ppm（SCR 入口 ${r.scrInletTemp} °C）`,
    });
  }
  if (
    warm &&
    r.noxUpstream !== null &&
    r.noxDownstream !== null &&
    r.noxUpstream >= c.minUpstreamPpm &&
    r.noxDownstream >= c.conversionRatio * r.noxUpstream
  ) {
    flags.push({
      code: 'scr_no_conversion',
      detail: `SCR 下游 NOx ${r.noxDownstream} ppm ≥ 上游 ${r.noxUpstream} ppm × ${c.conversionRatio}（SCR 入口 ${r.scrInletTemp} °C），疑似 SCR 未工作或被屏蔽`,
    });
  }
  if (r.reagent === 0 && r.speed !== null && r.speed >= c.movingKmh) {
    flags.push({ code: 'reagent_empty', detail: `行驶中（${r.speed} km/h）反应剂余量为 0` });
  }
  if (warm && r.noxDownstream === null && r.rpm !== null && r.rpm > 0) {
    flags.push({
      code: 'nox_invalid',
      detail: `发动机运转（${r.rpm} rpm）、SCR 入口 ${r.scrInletTemp} °C 时下游 NOx 为无效值`,
    });
  }
  return flags;
}
