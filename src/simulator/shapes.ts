// Diurnal and seasonal shapes of the value models: smooth, dimensionless factors around 1.

/** Circular distance in hours between two hours of the day. */
function hourDistance(a: number, b: number): number {
  const d = Math.abs(a - b) % 24;
  return d > 12 ? 24 - d : d;
}

/** Gaussian bump on the 24-hour circle, 1 at `center`, width `sigma` hours. */
export function bump(hour: number, center: number, sigma: number): number {
  const d = hourDistance(hour, center);
  return Math.exp(-(d * d) / (2 * sigma * sigma));
}

/**
 * Winter index: +1 in mid-January, −1 in mid-July (northern China: heating season and stagnant
 * winter air raise PM, CO and SO2; strong summer sunshine raises O3).
 */
export function winterIndex(dayOfYear: number): number {
  return Math.cos((2 * Math.PI * (dayOfYear - 15)) / 365.25);
}

/** O3: photochemical afternoon peak near 15:00, lowest around dawn (titration by NO). */
export function o3Diurnal(hour: number, winter: number): number {
  // Summer days have a stronger photochemical peak than winter days; the peak hour is about
  // twice the day's mean and four times the dawn minimum, as at north-China stations.
  const amp = 1.0 + 0.4 * Math.max(0, -winter);
  return 0.4 + amp * bump(hour, 15, 3.2);
}

/** NO2: morning rush (08:00) and a larger evening peak (traffic + a shallow boundary layer). */
export function no2Diurnal(hour: number): number {
  return 0.8 + 0.45 * bump(hour, 8, 1.5) + 0.6 * bump(hour, 20, 2.5) - 0.3 * bump(hour, 14, 2.5);
}

/** CO: traffic peaks like NO2, softer, with evening heating/combustion building up at night. */
export function coDiurnal(hour: number): number {
  return 0.85 + 0.3 * bump(hour, 8, 1.5) + 0.45 * bump(hour, 21, 3) - 0.2 * bump(hour, 14, 2.5);
}

/** PM: builds up through the night under the inversion, lowest mid-afternoon (deep mixing). */
export function pmDiurnal(hour: number): number {
  return 0.85 + 0.45 * bump(hour, 23, 4) - 0.25 * bump(hour, 15, 3);
}

/** SO2: mid-morning peak when elevated stack plumes are mixed down (fumigation). */
export function so2Diurnal(hour: number): number {
  return 0.85 + 0.35 * bump(hour, 11, 3);
}

/** Industrial load: higher in the working day, never far below full load. */
export function loadDiurnal(hour: number): number {
  return 0.85 + 0.15 * bump(hour, 14, 5);
}
