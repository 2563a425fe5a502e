// The weather every station of a simulated region shares: smooth random series of stagnation
// (how well pollution accumulates), dust and photochemistry. Stateless — a function of
// (seed, instant) only — so stations can be sampled in any order and neighbouring counties see
// the same episodes at the same time; local differences come from each station's own noise.

import { hashUnit } from './prng.ts';
import { HOUR_MS } from '../standards/local-date.ts';

/** A standard normal deviate that depends only on the given integers (Box–Muller on hashes). */
export function hashNormal(...parts: number[]): number {
  const u = Math.max(hashUnit(...parts, 1), 1e-12);
  const v = hashUnit(...parts, 2);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Smooth noise with unit variance at every instant: independent normal values on knots every
 * `spacingHours`, blended with a smoothstep and rescaled so that the blend keeps variance 1.
 */
export function smoothNoise(seed: number, key: number, spacingHours: number, ms: number): number {
  const x = ms / (spacingHours * HOUR_MS);
  const k = Math.floor(x);
  const u = x - k;
  const s = u * u * (3 - 2 * u);
  const a = hashNormal(seed, key, k);
  const b = hashNormal(seed, key, k + 1);
  return (a * (1 - s) + b * s) / Math.sqrt((1 - s) * (1 - s) + s * s);
}

// Weather has limits (a city's worst haze stays within a few times its winter mean), a normal
// tail does not: deviations beyond KNEE standard deviations are squeezed to stay below LIMIT.
const KNEE = 1.2;
const LIMIT = 1.8;

/** A deviate with its tails squeezed: unchanged up to KNEE, approaching ±LIMIT beyond it. */
export function squeezeTails(z: number): number {
  const a = Math.abs(z);
  if (a <= KNEE) return z;
  return Math.sign(z) * (KNEE + (LIMIT - KNEE) * Math.tanh((a - KNEE) / (LIMIT - KNEE)));
}

/** Mixes two unit-variance series with weights, keeping unit variance, tails squeezed. */
function blend(wa: number, a: number, wb: number, b: number): number {
  return squeezeTails((wa * a + wb * b) / Math.sqrt(wa * wa + wb * wb));
}

/** The shared weather at one instant: each value a standard normal deviate. */
export interface WeatherState {
  /** Stagnation: high values are still, humid, inversion days (haze builds up). */
  readonly stagnation: number;
  /** Wind-blown dust (coarse particles). */
  readonly dust: number;
  /** Photochemical activity not explained by stagnation (sunshine, temperature). */
  readonly photo: number;
}

// Knot spacings: a day-to-day part and a synoptic part (a front every few days clears the air).
const DAILY_H = 24;
const SYNOPTIC_H = 96;

/** The shared weather of a run seeded with `seed` at instant `ms`. */
export function weatherAt(seed: number, ms: number): WeatherState {
  return {
    stagnation: blend(
      0.55,
      smoothNoise(seed, 1, DAILY_H, ms),
      0.85,
      smoothNoise(seed, 2, SYNOPTIC_H, ms),
    ),
    dust: blend(0.8, smoothNoise(seed, 3, DAILY_H / 2, ms), 0.6, smoothNoise(seed, 4, 48, ms)),
    photo: blend(0.6, smoothNoise(seed, 5, DAILY_H, ms), 0.8, smoothNoise(seed, 6, 72, ms)),
  };
}

/** Local weather of one place (e.g. a county): its own smooth deviation from the region's. */
export function localNoise(seed: number, placeKey: number, ms: number): number {
  return squeezeTails(smoothNoise(seed, 1000 + placeKey, DAILY_H, ms));
}
