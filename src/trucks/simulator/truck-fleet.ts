/**
 * The simulated fleet (pure): one spec per truck — a VIN with a correct GB 16735 check digit, a
 * plate, the terminal's layout and reply mode, the duty (urban or highway), the ambient
 * temperature of its cold start, and its fault: a faulty SCR (no conversion) or tampering
 * (reagent level flat, NOx sensor invalid, or the terminal removed: anti-tamper alarm 0x06).
 * Same seed → same fleet.
 */
import { vinCheckDigit, type Layout, type ReplyMode } from '../../protocols/gb17691/index.ts';
import { mixSeed, Prng } from '../../simulator/prng.ts';

/** Which layouts the simulated terminals send: HJ 1239, GB Annex Q (serial first / per block), or a mix. */
export type SimLayoutChoice = 'hj' | 'gb1' | 'gb10' | 'mix';

/** What is wrong with a truck. */
export type TruckFault = 'none' | 'scr-faulty' | 'reagent-flat' | 'nox-invalid' | 'removal';

/** One simulated truck. */
export interface TruckSpec {
  index: number;
  vin: string;
  plate: string;
  layout: Layout;
  replyMode: ReplyMode;
  duty: 'urban' | 'highway';
  /** Ambient temperature, °C: the SCR starts cold at this temperature. */
  ambientC: number;
  fault: TruckFault;
  /** Starting point (Handan area), degrees. */
  lon: number;
  lat: number;
  /** Reagent (urea) level at the start, %. */
  reagent: number;
  /** Odometer at the start, km. */
  mileage: number;
}

/** Settings of the fleet. */
export interface FleetSettings {
  vehicles: number;
  seed: number;
  layout: SimLayoutChoice;
  /** Share of trucks with a faulty SCR. */
  faultyShare: number;
  /** Share of trucks with tampering (split evenly between the three kinds). */
  tamperShare: number;
}

const LAYOUT_OF: Record<Exclude<SimLayoutChoice, 'mix'>, Layout> = {
  hj: 'hj1239',
  gb1: 'gb-serial-first',
  gb10: 'gb-serial-per-block',
};
const TAMPERS: readonly TruckFault[] = ['reagent-flat', 'nox-invalid', 'removal'];
const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * The VIN of simulated truck `index` (0-based, up to 999,999): WMI "LSM" (L = China, so the check
 * digit applies), fixed descriptor, GB 16735 check digit in position 9, model year "R", plant "H",
 * and the index as the serial.
 */
export function simulatedVin(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index > 999_999)
    throw new RangeError('模拟车辆序号应为 0–999999');
  const base = `LSMTRK6D0RH${String(index).padStart(6, '0')}`;
  return base.slice(0, 8) + vinCheckDigit(base) + base.slice(9);
}

/** Builds the fleet. */
export function buildTruckFleet(s: FleetSettings): TruckSpec[] {
  const faulty = Math.round(s.vehicles * s.faultyShare);
  const tampered = Math.round(s.vehicles * s.tamperShare);
  return Array.from({ length: s.vehicles }, (_, i) => {
    const r = new Prng(mixSeed(s.seed, i, 0x7e7e));
    const layout =
      s.layout === 'mix'
        ? (['hj1239', 'hj1239', 'gb-serial-first', 'gb-serial-per-block'] as const)[i % 4]!
        : LAYOUT_OF[s.layout];
    // Faults go to spread-out indexes so that any prefix of the fleet has its share.
    const slot = (i * 7919) % s.vehicles;
    const fault: TruckFault =
      slot < faulty
        ? 'scr-faulty'
        : slot < faulty + tampered
          ? TAMPERS[(slot - faulty) % TAMPERS.length]!
          : 'none';
    return {
      index: i,
      vin: simulatedVin(i),
      plate: `冀D${PLATE_LETTERS[i % PLATE_LETTERS.length]}${String(i % 10_000).padStart(4, '0')}`,
      layout,
      replyMode: layout === 'hj1239' ? 'hj' : 'gb',
      duty: r.chance(0.6) ? 'urban' : 'highway',
      ambientC: Math.round(r.uniform(-5, 30)),
      fault: fault === 'removal' && layout !== 'hj1239' ? 'reagent-flat' : fault,
      lon: 114.35 + r.uniform(0, 0.3),
      lat: 36.5 + r.uniform(0, 0.2),
      reagent: Math.round(r.uniform(40, 95)),
      mileage: Math.round(r.uniform(20_000, 400_000)),
    };
  });
}
