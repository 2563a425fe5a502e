/**
 * The socket side of the truck simulator: drives SimTerminals in real time over TCP. Direct mode
 * opens one connection per truck (one file descriptor each); platform mode (`viaPlatforms` > 0)
 * logs in a few `~~` forwarding-platform connections and multiplexes the trucks over them, as
 * enterprise platforms do. Random link losses take a truck offline for 5–15 s: its data are kept
 * and reissued (0x03) after the next login. Replies are matched to sends by (VIN, command) on
 * the connection that carried them (in order: the listener answers in order) to measure the
 * reply latency and, with `onAcked`, to report each answered frame (`--acked-log`).
 */
import { connect, type Socket } from 'node:net';
import {
  encodePlatformLogin,
  encodePlatformLogout,
  beijingIso,
  Gb17691Framer,
} from '../../protocols/gb17691/index.ts';
import { LatencyHistogram } from '../../simulator/latency-histogram.ts';
import { mixSeed, Prng } from '../../simulator/prng.ts';
import { asForwarded, expectsReply, SimTerminal, type SimFrame } from './sim-terminal.ts';
import type { TruckSpec } from './truck-fleet.ts';

/** Settings of a run. */
export interface TruckDriveOptions {
  host: string;
  port: number;
  durationS: number;
  seed: number;
  /** Forwarding-platform connections to multiplex over (0 = one connection per truck). */
  viaPlatforms: number;
  platformUser?: string;
  platformPassword?: string;
  /** Probability per truck and 10-s batch of losing the link. */
  disconnectProb: number;
  /** Every truck loses its link once at this second of the run, for 12 s (a forced reissue). */
  forceDisconnectAtS?: number;
  /** Called every `progressS` seconds with the counters so far. */
  onProgress?: (s: TruckDriveSummary) => void;
  progressS?: number;
  /** Told of every frame the listener answered (the frame as sent). */
  onAcked?: (frame: AckedTruckFrame) => void;
}

/** An answered frame, as written to `--acked-log` (one JSON object per line). */
export interface AckedTruckFrame {
  vin: string;
  command: number;
  /** The bytes sent (forwarded form on a platform link), hex. */
  hex: string;
}

/** What a run did. */
export interface TruckDriveSummary {
  vehicles: number;
  connected: number;
  framesSent: number;
  realtimeFrames: number;
  reissueFrames: number;
  replies: number;
  /** Replies expected and not received (yet, at the end: lost). */
  unanswered: number;
  disconnects: number;
  connectFailures: number;
  platformLogins: number;
  platformRefusals: number;
  p50Ms: number;
  p99Ms: number;
  elapsedS: number;
}

/** A link that carries terminals' frames: its own socket, or a shared platform socket. */
interface Link {
  socket: Socket | null;
  forwarded: boolean;
  out: Buffer[];
  /** `VIN:command` → frames sent on this link and not answered yet, oldest first. */
  waiting: Map<string, Array<{ at: number; bytes: Buffer }>>;
}

/** Runs the simulation to its end; resolves with the summary. */
export async function driveTrucks(
  fleet: readonly TruckSpec[],
  o: TruckDriveOptions,
): Promise<TruckDriveSummary> {
  const started = Date.now();
  const rng = new Prng(mixSeed(o.seed, 0xd17e));
  const terminals = fleet.map((spec) => new SimTerminal(spec, o.seed));
  const latency = new LatencyHistogram();
  const links: Link[] = [];
  const linkOf: Link[] = [];
  /** Every link of the run (a lost connection's unanswered frames stay unanswered). */
  const everyLink: Link[] = [];
  const newLink = (forwarded: boolean): Link => {
    const l: Link = { socket: null, forwarded, out: [], waiting: new Map() };
    everyLink.push(l);
    return l;
  };
  const c = {
    framesSent: 0,
    realtimeFrames: 0,
    reissueFrames: 0,
    replies: 0,
    disconnects: 0,
    connectFailures: 0,
    platformLogins: 0,
    platformRefusals: 0,
  };
  const onReply = (link: Link, vin: string, command: number, flag: number | null) => {
    if (command === 0x07 && flag !== null) {
      if (flag === 0x01) c.platformLogins++;
      else c.platformRefusals++;
      return;
    }
    const sent = link.waiting.get(`${vin}:${command}`)?.shift();
    if (sent === undefined) return;
    c.replies++;
    latency.record(Date.now() - sent.at);
    o.onAcked?.({ vin, command, hex: sent.bytes.toString('hex') });
  };
  const open = (link: Link) =>
    new Promise<Socket | null>((resolve) => {
      const framer = new Gb17691Framer();
      const s = connect({ host: o.host, port: o.port });
      s.setNoDelay(true);
      s.once('connect', () => resolve(s));
      s.once('error', () => {
        c.connectFailures++;
        resolve(null);
      });
      s.on('data', (chunk: Buffer) => {
        for (const f of framer.push(chunk)) if (f.ok) onReply(link, f.vin, f.command, f.replyFlag);
      });
    });

  if (o.viaPlatforms > 0) {
    for (let p = 0; p < Math.min(o.viaPlatforms, fleet.length); p++) {
      const link = newLink(true);
      const socket = await open(link);
      link.socket = socket;
      socket?.write(
        encodePlatformLogin({
          time: beijingIso(new Date()),
          serial: 1,
          username: o.platformUser ?? '',
          password: o.platformPassword ?? '',
          encryptionRule: 1,
        }),
      );
      links.push(link);
    }
    fleet.forEach((_, i) => (linkOf[i] = links[i % links.length]!));
  }

  const send = (i: number, frames: readonly SimFrame[]) => {
    const link = linkOf[i];
    if (!link?.socket || link.socket.destroyed) return;
    const spec = fleet[i]!;
    const now = Date.now();
    for (const f of frames) {
      const bytes = link.forwarded ? asForwarded(f.bytes) : f.bytes;
      link.out.push(bytes);
      c.framesSent++;
      if (f.command === 0x02) c.realtimeFrames++;
      if (f.reissue) c.reissueFrames++;
      if (expectsReply(spec, f.command, link.forwarded)) {
        const key = `${spec.vin}:${f.command}`;
        const q = link.waiting.get(key) ?? [];
        q.push({ at: now, bytes });
        link.waiting.set(key, q);
      }
    }
  };
  const flush = () => {
    for (const link of new Set(linkOf)) {
      if (link.out.length === 0) continue;
      if (link.socket && !link.socket.destroyed) link.socket.write(Buffer.concat(link.out));
      link.out = [];
    }
  };

  /** Brings truck i online: its own connection (direct mode) and the login frame. */
  let stopping = false;
  const bringUp = async (i: number) => {
    const t = terminals[i]!;
    if (stopping) return;
    if (o.viaPlatforms === 0) {
      const link = newLink(false);
      const socket = await open(link);
      if (!socket) return;
      link.socket = socket;
      linkOf[i] = link;
      socket.on('close', () => {
        if (linkOf[i] === link && t.online) t.lost();
      });
    }
    send(i, [t.login(Date.now())]);
  };
  const bringDown = (i: number, offlineMs = 5000 + rng.next() * 10_000) => {
    const t = terminals[i]!;
    t.lost();
    c.disconnects++;
    if (o.viaPlatforms === 0) linkOf[i]?.socket?.destroy();
    // Longer than a 10-s batch at least once when forced, so that data wait for reissue.
    setTimeout(() => void bringUp(i), offlineMs).unref();
  };
  let forced = o.forceDisconnectAtS === undefined;

  // Ramp up: a few hundred connections at a time.
  for (let i = 0; i < terminals.length; i += 200) {
    await Promise.all(terminals.slice(i, i + 200).map((_, k) => bringUp(i + k)));
    flush();
  }

  const summary = (): TruckDriveSummary => ({
    vehicles: fleet.length,
    connected: terminals.filter((t) => t.online).length,
    ...c,
    unanswered: unanswered(),
    p50Ms: latency.count ? Math.round(latency.percentile(0.5)) : 0,
    p99Ms: latency.count ? Math.round(latency.percentile(0.99)) : 0,
    elapsedS: Math.round((Date.now() - started) / 1000),
  });

  const unanswered = (): number => {
    let n = 0;
    for (const l of everyLink) for (const q of l.waiting.values()) n += q.length;
    return n;
  };

  const end = started + o.durationS * 1000;
  let lastProgress = Date.now();
  await new Promise<void>((done) => {
    const timer = setInterval(() => {
      const now = Date.now();
      terminals.forEach((t, i) => {
        const frames = t.second(now);
        if (frames.length > 0) send(i, frames);
        const batchEnd = frames.some((f) => f.command === 0x02);
        if (t.online && batchEnd && rng.chance(o.disconnectProb)) bringDown(i);
      });
      flush();
      if (!forced && now - started >= o.forceDisconnectAtS! * 1000) {
        forced = true;
        terminals.forEach((t, i) => t.online && bringDown(i, 12_000));
      }
      if (o.onProgress && now - lastProgress >= (o.progressS ?? 5) * 1000) {
        lastProgress = now;
        o.onProgress(summary());
      }
      if (now >= end) {
        clearInterval(timer);
        done();
      }
    }, 1000);
  });

  stopping = true;
  const now = Date.now();
  terminals.forEach((t, i) => t.online && send(i, [t.logout(now)]));
  if (o.viaPlatforms > 0)
    for (const l of links)
      l.out.push(encodePlatformLogout(o.platformUser ?? '', beijingIso(new Date()), 1));
  flush();
  const deadline = Date.now() + 3000;
  while (summary().unanswered > 0 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
  const result = summary();
  for (const l of new Set([...links, ...linkOf])) l?.socket?.destroy();
  return result;
}
