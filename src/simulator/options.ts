// Settings of a simulator run, with the defaults `lantian simulate` uses.

import type { CrcVariant, Hj212Version } from '../protocols/hj212/index.ts';
import { DEFAULT_MN_PREFIX, type FleetKind, type SimDevice } from './fleet.ts';
import {
  type BackoffPolicy,
  DEFAULT_BACKOFF,
  DEFAULT_RETRY,
  type RetryPolicy,
} from './retry-policy.ts';

/** Everything a run needs. */
export interface SimulatorOptions {
  readonly host: string;
  readonly port: number;
  readonly devices: number;
  /** Seconds between a device's real-time (air) or minute (CEMS) packets, simulated time. */
  readonly intervalS: number;
  readonly kind: FleetKind;
  readonly edition: Hj212Version;
  readonly crc: CrcVariant;
  /** Ask for 9014 acknowledgements (Flag bit A), wait for them and retransmit. */
  readonly ack: boolean;
  /** Most unacknowledged packets per device (1: send, wait for the 9014, send the next). */
  readonly window: number;
  readonly splitProb: number;
  readonly glueProb: number;
  readonly splitPauseMs: number;
  /** Stop generating after this many wall-clock seconds (then wait for outstanding acks). */
  readonly durationS?: number | undefined;
  /** Send this many packets in all, shared evenly by the devices. */
  readonly packets?: number | undefined;
  readonly seed: number;
  readonly mnPrefix: string;
  readonly password: string;
  /** Simulated instant of the start (epoch ms). */
  readonly startMs: number;
  /** Simulated seconds per wall-clock second. */
  readonly timeScale: number;
  /** TCP connections shared by the devices (device i uses connection i mod n). */
  readonly connections: number;
  readonly retry: RetryPolicy;
  readonly backoff: BackoffPolicy;
  /** A planned fleet (the demo's outlets) instead of `devices` built from prefix and kind. */
  readonly fleet?: readonly SimDevice[] | undefined;
}

/** Defaults of every setting but the target and the start time. */
export const SIMULATOR_DEFAULTS = {
  host: '127.0.0.1',
  port: 9212,
  devices: 10,
  intervalS: 60,
  kind: 'air',
  edition: '2017',
  crc: 'standard',
  ack: true,
  window: 1,
  splitProb: 0.05,
  glueProb: 0.05,
  splitPauseMs: 2,
  seed: 1,
  mnPrefix: DEFAULT_MN_PREFIX,
  password: '123456',
  timeScale: 1,
  retry: DEFAULT_RETRY,
  backoff: DEFAULT_BACKOFF,
} as const satisfies Partial<SimulatorOptions>;

/** Options from defaults and overrides; the start defaults to now, connections to devices. */
export function simulatorOptions(o: Partial<SimulatorOptions> = {}): SimulatorOptions {
  const devices = o.devices ?? SIMULATOR_DEFAULTS.devices;
  return {
    ...SIMULATOR_DEFAULTS,
    startMs: Date.now(),
    connections: devices,
    ...o,
    devices,
  };
}
