// Faults a simulated stack CEMS can be given, so that a demo shows what supervision must catch
// (docs/sources.md, "Dashboard and demo"): a run of hours over the limit, a frozen analyser
// (flat line) and a treatment outage (the plant runs, its control facility does not). Pure: a
// fault is a time window and what happens to the corrected concentrations inside it.

/** A fault of one outlet over [fromMs, toMs). */
export type CemsFault =
  | {
      readonly kind: 'exceedance';
      /** HJ 212 code of the pollutant that rises (a34013, a21026 or a21002). */
      readonly code: string;
      /** Multiplier of the corrected concentration. */
      readonly factor: number;
      readonly fromMs: number;
      readonly toMs: number;
    }
  | {
      readonly kind: 'flatline';
      readonly code: string;
      /** The measured value the frozen analyser repeats (mg/m³, as sent in -Avg). */
      readonly value: number;
      readonly fromMs: number;
      readonly toMs: number;
    }
  | {
      /** The control facility is off while production runs: every pollutant is untreated. */
      readonly kind: 'outage';
      readonly fromMs: number;
      readonly toMs: number;
    };

/** Untreated over treated concentration during an outage (dust, SO2, NOx): order of magnitude of raw flue gas. */
const OUTAGE_FACTORS: Readonly<Record<string, number>> = {
  a34013: 12,
  a21026: 15,
  a21002: 4,
};

/** True when the fault is active at `ms`. */
export function faultActive(f: CemsFault, ms: number): boolean {
  return ms >= f.fromMs && ms < f.toMs;
}

/** True when a treatment outage of these faults is active at `ms`. */
export function outageAt(faults: readonly CemsFault[], ms: number): boolean {
  return faults.some((f) => f.kind === 'outage' && faultActive(f, ms));
}

/** The corrected concentration of `code` at `ms` after the exceedances and outages active then. */
export function applyFaults(
  faults: readonly CemsFault[],
  code: string,
  ms: number,
  zs: number,
): number {
  let v = zs;
  for (const f of faults) {
    if (!faultActive(f, ms)) continue;
    if (f.kind === 'outage') v *= OUTAGE_FACTORS[code] ?? 1;
    else if (f.kind === 'exceedance' && f.code === code) v *= f.factor;
  }
  return v;
}

/** The value a frozen analyser of `code` repeats at `ms`, or undefined when none is frozen. */
export function frozenValue(
  faults: readonly CemsFault[],
  code: string,
  ms: number,
): number | undefined {
  const f = faults.find((x) => x.kind === 'flatline' && x.code === code && faultActive(x, ms));
  return f?.kind === 'flatline' ? f.value : undefined;
}
