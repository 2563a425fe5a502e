/**
 * A simulated on-board terminal (pure: it makes frames, the driver sends them). Behaviour from
 * the implementations the fact sheet read (docs/trucks.md "UNVERIFIED" 6): 1-Hz data sent as one
 * real-time frame of ten blocks every 10 s, time calibration 30 s after login and then every
 * 3 min, login serial counted per login, real-time serial per frame; frames made while offline
 * are kept and sent as reissue (0x03) after the next login, one every 2 s, interleaved with live
 * data; a removed terminal (tampering) sends the anti-tamper alarm 0x06 every 60 s.
 */
import {
  beijingIso,
  COMMAND,
  encodeFrame,
  encodeMessage,
  type Block,
  type Gb17691MessageInput,
} from '../../protocols/gb17691/index.ts';
import { mixSeed, Prng } from '../../simulator/prng.ts';
import type { TruckSpec } from './truck-fleet.ts';
import { startTrip, stepTrip, type StreamReadings, type TripState } from './trip-model.ts';

const BATCH_S = 10;
const CALIBRATE_FIRST_S = 30;
const CALIBRATE_EVERY_S = 180;
const TAMPER_EVERY_S = 60;
const REISSUE_EVERY_S = 2;
/** Frames kept while offline (the oldest are dropped beyond it, as a full terminal store does). */
const MAX_BACKLOG = 8640;

type RealtimeInput = Extract<Gb17691MessageInput, { kind: 'realtime' | 'reissue' }>;

/** A frame the terminal made, with whether the platform should answer it. */
export interface SimFrame {
  bytes: Buffer;
  command: number;
  /** True for a reissued (0x03) frame. */
  reissue: boolean;
}

/** One terminal. */
export class SimTerminal {
  online = false;
  private readonly rng: Prng;
  private trip: TripState;
  private seconds = 0;
  private sinceLogin = 0;
  private loginSerial = 0;
  private frameSerial = 0;
  private tamperSerial = 0;
  private batch: Array<{ time: string; readings: StreamReadings }> = [];
  private readonly backlog: RealtimeInput[] = [];

  constructor(
    readonly spec: TruckSpec,
    seed: number,
  ) {
    this.rng = new Prng(mixSeed(seed, spec.index, 0x1239));
    this.trip = startTrip(spec);
  }

  /** Frames waiting to be reissued. */
  get backlogSize(): number {
    return this.backlog.length;
  }

  /** The connection is up: the login frame (the driver sends it first). */
  login(nowMs: number): SimFrame {
    this.online = true;
    this.sinceLogin = 0;
    this.loginSerial = (this.loginSerial % 65_531) + 1;
    return this.frame({
      kind: 'login',
      command: COMMAND.login,
      vin: this.spec.vin,
      time: beijingIso(new Date(nowMs)),
      serial: this.loginSerial,
      iccid: `8986${String(this.spec.index).padStart(16, '0')}`,
    });
  }

  /** The connection is lost: data are kept for reissue from now on. */
  lost(): void {
    this.online = false;
  }

  /** The logout frame (the terminal stays offline afterwards). */
  logout(nowMs: number): SimFrame {
    this.online = false;
    return this.frame({
      kind: 'logout',
      command: COMMAND.logout,
      vin: this.spec.vin,
      time: beijingIso(new Date(nowMs)),
      serial: this.loginSerial,
    });
  }

  /** One second: a new block; the frames due now when online (none when offline). */
  second(nowMs: number): SimFrame[] {
    const { state, readings } = stepTrip(this.spec, this.trip, this.rng);
    this.trip = state;
    this.seconds++;
    this.batch.push({ time: beijingIso(new Date(nowMs)), readings });
    const out: SimFrame[] = [];
    if ((this.seconds + this.spec.index) % BATCH_S === 0 && this.batch.length > 0) {
      const m = this.realtime(this.batch);
      this.batch = [];
      if (this.online) out.push(this.frame(m));
      else {
        this.backlog.push({ ...m, kind: 'reissue', command: COMMAND.reissue });
        if (this.backlog.length > MAX_BACKLOG) this.backlog.shift();
      }
    }
    if (!this.online) return out;
    this.sinceLogin++;
    if (
      this.sinceLogin === CALIBRATE_FIRST_S ||
      (this.sinceLogin > CALIBRATE_FIRST_S &&
        (this.sinceLogin - CALIBRATE_FIRST_S) % CALIBRATE_EVERY_S === 0)
    ) {
      out.push(
        this.frame({
          kind: 'time-calibration',
          command: COMMAND.timeCalibration,
          vin: this.spec.vin,
        }),
      );
    }
    if (this.spec.fault === 'removal' && this.sinceLogin % TAMPER_EVERY_S === 0) {
      this.tamperSerial++;
      out.push(
        this.frame({
          kind: 'anti-tamper',
          command: COMMAND.antiTamper,
          vin: this.spec.vin,
          time: beijingIso(new Date(nowMs)),
          serial: this.tamperSerial,
          fixValid: true,
          lon: readingsLon(this.trip),
          lat: readingsLat(this.trip),
        }),
      );
    }
    if (this.backlog.length > 0 && this.sinceLogin % REISSUE_EVERY_S === 0) {
      out.push(this.frame(this.backlog.shift()!));
    }
    return out;
  }

  private realtime(
    batch: ReadonlyArray<{ time: string; readings: StreamReadings }>,
  ): RealtimeInput {
    this.frameSerial = (this.frameSerial % 65_531) + 1;
    const layout = this.spec.layout;
    const frameTime = batch[0]!.time;
    const blocks: Block[] = batch.map((b, k) => ({
      type: 0x02,
      time: layout === 'hj1239' ? b.time : frameTime,
      serial: layout === 'gb-serial-per-block' ? (this.frameSerial * 10 + k) & 0xffff : null,
      ...b.readings,
    }));
    return {
      kind: 'realtime',
      command: COMMAND.realtime,
      vin: this.spec.vin,
      layout,
      sendTime: layout === 'hj1239' ? batch[batch.length - 1]!.time : frameTime,
      serial: layout === 'gb-serial-per-block' ? null : this.frameSerial,
      blocks,
      signature: null,
    };
  }

  private frame(m: Gb17691MessageInput): SimFrame {
    return { bytes: encodeMessage(m), command: m.command, reissue: m.command === COMMAND.reissue };
  }
}

/**
 * The same frame as a forwarding platform sends it: `~~` start, reply flag 0xFE (command) in
 * place of the software version, VIN, encryption, data unit, BCC recomputed.
 */
export function asForwarded(frame: Buffer): Buffer {
  let end = 20;
  while (end > 3 && frame[end - 1] === 0) end--;
  return encodeFrame(
    {
      start: '~~',
      command: frame[2]!,
      vin: frame.toString('latin1', 3, end),
      replyFlag: 0xfe,
      encryption: frame[21]!,
    },
    frame.subarray(24, frame.length - 1),
  );
}

/** Whether the platform answers a frame: every uplink in HJ mode or forwarded; time calibration only in GB mode. */
export function expectsReply(spec: TruckSpec, command: number, forwarded: boolean): boolean {
  if (forwarded || command === COMMAND.timeCalibration) return true;
  return spec.replyMode === 'hj';
}

function readingsLon(s: TripState): number {
  return Math.round(s.lon * 1e6) / 1e6;
}

function readingsLat(s: TripState): number {
  return Math.round(s.lat * 1e6) / 1e6;
}
