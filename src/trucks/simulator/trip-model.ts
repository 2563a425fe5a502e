/**
 * One simulated truck, second by second (pure): a speed profile (urban — stop-and-go at 0–50
 * km/h; highway — cruising at 70–90 km/h with rare stops), engine speed, torque, fuel and air
 * flow from the speed and acceleration, and the after-treatment: the SCR warms from ambient
 * towards a load-dependent temperature (time constant ~5 min, so a cold start takes minutes), its
 * NOx conversion is nil below ~180 °C and ~90 % once warm (≥ 250 °C); a faulty SCR converts
 * nothing; tampering flattens the reagent level or makes the downstream NOx invalid. Values are
 * plausible, not a calibrated engine model; they exercise the listener and the judgement rules.
 */
import type { DataStreamBlock } from '../../protocols/gb17691/index.ts';
import type { Prng } from '../../simulator/prng.ts';
import type { TruckSpec } from './truck-fleet.ts';

/** The state a truck carries from one second to the next. */
export interface TripState {
  speed: number;
  target: number;
  /** Seconds left in the current segment (stop, drive or cruise). */
  segmentLeft: number;
  scrTemp: number;
  reagent: number;
  mileage: number;
  lon: number;
  lat: number;
  heading: number;
}

/** One second's readings (the data-stream block's body without type, time and serial). */
export type StreamReadings = Omit<DataStreamBlock, 'type' | 'time' | 'serial'>;

const WARM_C = 250;
const LIGHT_OFF_C = 180;
const TAU_S = 300;
const M_PER_DEG_LAT = 111_000;

/** The state at the start of a trip: engine cold at ambient temperature, standing. */
export function startTrip(spec: TruckSpec): TripState {
  return {
    speed: 0,
    target: 0,
    segmentLeft: 5,
    scrTemp: spec.ambientC,
    reagent: spec.reagent,
    mileage: spec.mileage,
    lon: spec.lon,
    lat: spec.lat,
    heading: (spec.index * 37) % 360,
  };
}

/** NOx conversion of the SCR at an inlet temperature (0 below light-off, 0.9 when warm). */
export function scrConversion(tempC: number, fault: TruckSpec['fault']): number {
  if (fault === 'scr-faulty') return 0;
  if (tempC <= LIGHT_OFF_C) return 0;
  if (tempC >= WARM_C) return 0.9;
  return (0.9 * (tempC - LIGHT_OFF_C)) / (WARM_C - LIGHT_OFF_C);
}

/** Advances one second; returns the new state and the second's readings. */
export function stepTrip(
  spec: TruckSpec,
  s: TripState,
  rng: Prng,
): { state: TripState; readings: StreamReadings } {
  let { target, segmentLeft } = s;
  if (--segmentLeft <= 0) {
    const stop = rng.chance(spec.duty === 'urban' ? 0.35 : 0.05);
    target = stop ? 0 : spec.duty === 'urban' ? rng.uniform(20, 50) : rng.uniform(70, 90);
    segmentLeft = stop ? rng.int(15, 60) : rng.int(30, spec.duty === 'urban' ? 120 : 600);
  }
  const accel = Math.max(-2, Math.min(1.2, (target - s.speed) * 0.15));
  const speed = Math.max(0, s.speed + accel * 3.6 * 0.3 + (speed0(s) ? 0 : rng.normal() * 0.3));
  const idle = speed < 1;
  const rpm = idle ? 650 + rng.normal() * 10 : Math.min(2100, 900 + speed * 14);
  const torque = idle ? 8 : Math.max(0, Math.min(100, 25 + accel * 30 + speed * 0.25));
  const fuelFlow = 1.8 + (torque / 100) * (rpm / 2100) * 45;
  const airFlow = rpm * 0.35 * (1 + torque / 100);
  const targetTemp = 170 + torque * 2.4;
  const scrTemp = s.scrTemp + (targetTemp - s.scrTemp) / TAU_S;
  const noxUp = Math.max(0, 120 + torque * 9 + rng.normal() * 15);
  const noxDown = noxUp * (1 - scrConversion(scrTemp, spec.fault)) + Math.abs(rng.normal()) * 3;
  const dosing = spec.fault !== 'reagent-flat' && scrTemp > LIGHT_OFF_C;
  const reagent = dosing ? Math.max(0, s.reagent - 0.0015) : s.reagent;
  const metres = speed / 3.6;
  const heading = s.heading + (idle ? 0 : rng.normal() * 2);
  const rad = (heading * Math.PI) / 180;
  const lat = s.lat + (metres * Math.cos(rad)) / M_PER_DEG_LAT;
  const lon =
    s.lon + (metres * Math.sin(rad)) / (M_PER_DEG_LAT * Math.cos((s.lat * Math.PI) / 180));
  const state: TripState = {
    speed,
    target,
    segmentLeft,
    scrTemp,
    reagent,
    mileage: s.mileage + metres / 1000,
    lon,
    lat,
    heading,
  };
  const round = (v: number, step: number) => Math.floor(v / step) * step;
  return {
    state,
    readings: {
      speed: round(speed, 1 / 256),
      pressure: 100,
      torque: Math.round(torque),
      friction: 5,
      rpm: round(rpm, 0.125),
      fuelFlow: round(fuelFlow, 0.05),
      noxUpstream: spec.fault === 'nox-invalid' ? null : round(noxUp, 0.05),
      noxDownstream: spec.fault === 'nox-invalid' ? null : round(noxDown, 0.05),
      reagent: round(reagent, 0.4),
      airFlow: round(airFlow, 0.05),
      scrInletTemp: round(scrTemp, 0.03125),
      scrOutletTemp: round(scrTemp - 12, 0.03125),
      dpfPressure: 2.5,
      coolantTemp: Math.round(Math.min(88, spec.ambientC + (scrTemp - spec.ambientC) * 0.6)),
      tankLevel: 60,
      fixValid: true,
      lon: Math.round(lon * 1e6) / 1e6,
      lat: Math.round(lat * 1e6) / 1e6,
      mileage: round(state.mileage, 0.1),
    },
  };
}

function speed0(s: TripState): boolean {
  return s.speed === 0 && s.target === 0;
}
