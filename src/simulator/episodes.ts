// City-wide pollution episodes: winter haze (PM, CO, NO2, SO2 up for 2–5 days) and summer ozone
// episodes. Stateless — a function of (seed, day) only — so every station of a run sees the same
// episode at the same time, and any instant can be evaluated in any order.

import { dayOfYear } from './beijing-time.ts';
import { hashUnit } from './prng.ts';
import { winterIndex } from './shapes.ts';

const DAY_MS = 86_400_000;
const MAX_DAYS = 5;

/** Multipliers an episode applies at one instant (1 = no episode). */
export interface EpisodeFactors {
  /** Haze: applied to PM fully and to gaseous pollutants partly. */
  readonly haze: number;
  /** Photochemical: applied to O3. */
  readonly ozone: number;
}

interface Episode {
  readonly start: number;
  readonly days: number;
  readonly peak: number;
}

function episodeStarting(seed: number, day: number, kind: 1 | 2): Episode | undefined {
  const winter = winterIndex(dayOfYear(day * DAY_MS + DAY_MS / 2));
  // Haze starts on ~9 % of midwinter days, rarely in summer; ozone episodes the reverse.
  const p = kind === 1 ? 0.01 + 0.08 * Math.max(0, winter) : 0.01 + 0.07 * Math.max(0, -winter);
  if (hashUnit(seed, day, kind, 1) >= p) return undefined;
  const days = 2 + Math.floor(hashUnit(seed, day, kind, 2) * (MAX_DAYS - 1));
  const peak =
    kind === 1
      ? 1.8 + 1.7 * hashUnit(seed, day, kind, 3)
      : 1.15 + 0.2 * hashUnit(seed, day, kind, 3);
  return { start: day * DAY_MS + hashUnit(seed, day, kind, 4) * DAY_MS, days, peak };
}

function factor(seed: number, ms: number, kind: 1 | 2): number {
  const day = Math.floor(ms / DAY_MS);
  let f = 1;
  for (let d = day - MAX_DAYS; d <= day; d++) {
    const e = episodeStarting(seed, d, kind);
    if (!e) continue;
    const x = (ms - e.start) / (e.days * DAY_MS);
    if (x <= 0 || x >= 1) continue;
    // Slow build-up, faster clean-out when a cold front arrives.
    const shape =
      x < 0.7 ? Math.sin((Math.PI / 2) * (x / 0.7)) : Math.cos((Math.PI / 2) * ((x - 0.7) / 0.3));
    f = Math.max(f, 1 + (e.peak - 1) * shape);
  }
  return f;
}

/** Episode multipliers at an instant for a run seeded with `seed`. */
export function episodeFactors(seed: number, ms: number): EpisodeFactors {
  return { haze: factor(seed, ms, 1), ozone: factor(seed, ms, 2) };
}
