// The packets one data logger sends, in order: air stations a 2011 real-time packet every
// interval and a 2061 hourly packet when an hour is complete; CEMS outlets a 2051 minute packet
// every interval and a 2061 hourly packet. Pure and deterministic: the n-th packet of a device
// depends only on the seed, the device and the start time, never on the network.

import { type Hj212PacketInput, serialize } from '../protocols/hj212/index.ts';
import { AirStationModel, airRealtimeItems } from './air-model.ts';
import { formatDataTime, formatQn, hourStart } from './beijing-time.ts';
import { CemsOutletModel } from './cems-model.ts';
import type { SimDevice } from './fleet.ts';
import { HourlyAggregate } from './hourly-aggregate.ts';
import { buildUpload, cpPairs } from './packet-builder.ts';
import { mixSeed, Prng } from './prng.ts';
import { countPoints, type SampleItem } from './sample.ts';

/** One packet of a device's stream, due at a simulated instant. */
export interface ScheduledPacket {
  readonly device: SimDevice;
  /** 0-based position in the device's stream. */
  readonly seq: number;
  /** Simulated instant the packet is due (epoch ms). */
  readonly simMs: number;
  /** QN of the packet (also the key its 9014 is matched by). */
  readonly qn: string;
  readonly cn: string;
  /** DataTime of the CP area (acquisition instant for 2011, interval start otherwise). */
  readonly dataTime: string;
  readonly packet: Hj212PacketInput;
  /** The complete frame as sent. */
  readonly frame: Buffer;
  /** Number of numeric values in the packet. */
  readonly points: number;
  /** Number of pollutant/parameter codes in the packet (one stored row each). */
  readonly codes: number;
}

/** Where a device's stream starts and how long it is. */
export interface StreamOptions {
  /** Run seed: with the device index it seeds the device's values. */
  readonly seed: number;
  /** Simulated start instant (epoch ms). */
  readonly startMs: number;
  /** Offset of this device's first tick after the start, so a fleet does not fire at once. */
  readonly phaseMs: number;
  /** Whether uploads ask for a 9014 (Flag bit A). */
  readonly ack: boolean;
  /** Maximum number of packets (default unlimited). */
  readonly limit?: number;
}

const HOURLY_CN = '2061';

/** Generator of one device's packets. */
export class DevicePacketStream {
  private readonly device: SimDevice;
  private readonly opts: StreamOptions;
  private readonly air: AirStationModel | undefined;
  private readonly cems: CemsOutletModel | undefined;
  private readonly intervalMs: number;
  private readonly ready: ScheduledPacket[] = [];
  private tick = 0;
  private seq = 0;
  private lastQnMs = -Infinity;
  private hour: number | undefined;
  private hourly = new HourlyAggregate();

  constructor(device: SimDevice, opts: StreamOptions) {
    this.device = device;
    this.opts = opts;
    this.intervalMs = Math.round(device.intervalS * 1000);
    const rng = new Prng(mixSeed(opts.seed, device.index));
    if (device.kind === 'air') this.air = new AirStationModel(opts.seed, rng);
    else this.cems = new CemsOutletModel(rng, device.cems);
  }

  /** Packets handed out so far. */
  get count(): number {
    return this.seq;
  }

  /** The next packet without consuming it; undefined when the limit is reached. */
  peek(): ScheduledPacket | undefined {
    if (this.opts.limit !== undefined && this.seq >= this.opts.limit) return undefined;
    if (this.ready.length === 0) this.generateTick();
    return this.ready[0];
  }

  /** The next packet; undefined when the limit is reached. */
  next(): ScheduledPacket | undefined {
    const p = this.peek();
    if (p !== undefined) {
      this.ready.shift();
      this.seq++;
    }
    return p;
  }

  private generateTick(): void {
    const d = this.device;
    const t = this.opts.startMs + this.opts.phaseMs + this.tick * this.intervalMs;
    this.tick++;
    let cn: string;
    let dataMs: number;
    let items: SampleItem[];
    if (this.air) {
      cn = '2011';
      dataMs = Math.floor(t / 1000) * 1000; // real-time data: the acquisition instant
      items = airRealtimeItems(this.air.sample(t));
    } else {
      cn = '2051';
      // Minute data: DataTime is the start of the interval that just ended (Table 4).
      dataMs = Math.floor(t / this.intervalMs) * this.intervalMs - this.intervalMs;
      items = this.cems!.sample(t, d.intervalS);
    }
    const h = hourStart(dataMs);
    if (this.hour !== undefined && h !== this.hour && this.hourly.samples > 0) {
      this.push(t, HOURLY_CN, formatDataTime(this.hour), this.hourly.result());
      this.hourly = new HourlyAggregate();
    }
    this.hour = h;
    this.hourly.add(items);
    this.push(t, cn, formatDataTime(dataMs), items);
  }

  private push(t: number, cn: string, dataTime: string, items: SampleItem[]): void {
    const d = this.device;
    const qnMs = Math.max(Math.floor(t), this.lastQnMs + 1);
    this.lastQnMs = qnMs;
    const qn = formatQn(qnMs);
    const packet = buildUpload(
      { qn, st: d.st, cn, pw: d.pw, mn: d.mn, edition: d.edition, ack: this.opts.ack },
      cpPairs(dataTime, items),
    );
    this.ready.push({
      device: d,
      seq: this.seq + this.ready.length,
      simMs: t,
      qn,
      cn,
      dataTime,
      packet,
      frame: serialize(packet, { crc: d.crc }),
      points: countPoints(items),
      codes: items.length,
    });
  }
}
