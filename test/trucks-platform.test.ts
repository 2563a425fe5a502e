/**
 * Forwarding platforms and per-vehicle keys over real TCP sockets: a `~~` platform login checked
 * against the registry (accepted → flag 0x01, wrong password or disabled → flag 0x02 and the
 * connection closed), forwarded frames of registered vehicles stored and counted per platform,
 * unregistered ones quarantined with the platform named, vehicles outside the platform's region
 * refused, `~~` data without a login refused; activation frames verified with the vehicle's SM2
 * key (a real key pair signed by src/protocols/gb17691/sm2.ts), a bad signature quarantined.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/clock.ts';
import {
  encodeFrame,
  encodeMessage,
  encodePlatformLogin,
  encodePlatformLogout,
  signatureBytes,
  sm2PublicKey,
  sm2Sign,
  type Gb17691MessageInput,
} from '../src/protocols/gb17691/index.ts';
import { encodeActivation } from '../src/protocols/gb17691/simple-units.ts';
import { streamBlock } from '../src/protocols/gb17691/test-frames.ts';
import { startTruckListener, type TruckListener } from '../src/trucks/listener/server.ts';
import { changePlatformEnabled, createPlatform } from '../src/trucks/platforms/platform-service.ts';
import { DEFAULT_TRUCKS_CONFIG } from '../src/trucks/trucks-config.ts';
import { changeVehicle } from '../src/trucks/vehicle-service.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';
import {
  COUNTY_A,
  seedTrucks,
  seedVehicles,
  Terminal,
  VIN_GB,
  VIN_HJ,
  VIN_OTHER,
  WHO,
  openTestArchive,
} from './trucks-support.ts';

const T = '2024-05-01T08:30:00+08:00';
const PASSWORD = 'fwd-Secret-01';
const CHIP = 'CHIP000000000001';
const PRIVATE = Buffer.from(
  '3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8',
  'hex',
);

const platformLogin = (username: string, password: string) =>
  encodePlatformLogin({ time: T, serial: 1, username, password, encryptionRule: 1 });

/** A forwarded real-time frame (`~~`, reply flag 0xFE) of one HJ 1239 block. */
const forwarded = (vin: string, k = 0): Buffer => {
  const time = `2024-05-01T08:31:${String(k).padStart(2, '0')}+08:00`;
  const m: Gb17691MessageInput = {
    kind: 'realtime',
    command: 0x02,
    vin,
    start: '~~',
    replyFlag: 0xfe,
    layout: 'hj1239',
    sendTime: time,
    serial: k + 1,
    blocks: [streamBlock(time, null, { speed: 40 })],
    signature: null,
  };
  return encodeMessage(m);
};

/** An activation frame signed with `key` (a different key than configured → bad signature). */
function activation(vin: string, key: Buffer): Buffer {
  const unit = encodeActivation({
    time: T,
    chipId: CHIP,
    publicKey: sm2PublicKey(key).toString('hex'),
    activationVin: vin,
    signature: null,
  });
  const sig = sm2Sign(key, CHIP, unit);
  return encodeFrame(
    { command: 0x07, vin },
    Buffer.concat([unit, signatureBytes({ r: sig.r.toString('hex'), s: sig.s.toString('hex') })]),
  );
}

describe.each(dialectsUnderTest())('forwarding platforms and keys on %s', (dialect) => {
  let t: TestStore;
  let listener: TruckListener;
  let archive: Awaited<ReturnType<typeof openTestArchive>> | undefined;
  const quarantine = (vin: string) =>
    t.db.kysely
      .selectFrom('truck_quarantine')
      .selectAll()
      .where('vin', '=', vin)
      .executeTakeFirst();

  beforeAll(async () => {
    t = await openTestStore(dialect);
    await seedTrucks(t.db);
    await seedVehicles(t.db); // VIN_HJ in county A, VIN_GB in county B
    await createPlatform(
      t.db,
      systemClock,
      { name: '某车企平台', username: 'oemA', password: PASSWORD, region: COUNTY_A },
      WHO,
    );
    await createPlatform(
      t.db,
      systemClock,
      { name: '停用平台', username: 'oemOff', password: PASSWORD, region: COUNTY_A },
      WHO,
    );
    await changePlatformEnabled(t.db, systemClock, 'oemOff', false, WHO);
    await changeVehicle(
      t.db,
      systemClock,
      VIN_HJ,
      { signKey: sm2PublicKey(PRIVATE).toString('hex'), chipId: CHIP },
      WHO,
    );
    archive = await openTestArchive();
    listener = await startTruckListener(
      { db: t.db, clock: systemClock, archive: archive.archive },
      {
        ...DEFAULT_TRUCKS_CONFIG,
        listener: {
          ...DEFAULT_TRUCKS_CONFIG.listener,
          host: '127.0.0.1',
          port: 0,
          commitDelayMs: 2,
        },
      },
    );
  });
  afterAll(async () => {
    await listener?.stop();
    await archive?.cleanup();
    await t?.cleanup();
  });

  it('accepts a platform login, stores forwarded frames, counts them and names the platform', async () => {
    const p = await Terminal.open(listener.port);
    const before = listener.snapshot().framesAccepted;
    // Sent in one write: the frames after the login wait until the password is checked.
    p.send(
      Buffer.concat([
        platformLogin('oemA', PASSWORD),
        forwarded(VIN_HJ, 0),
        forwarded(VIN_HJ, 1),
        forwarded(VIN_OTHER, 2),
        forwarded(VIN_GB, 3),
      ]),
    );
    const replies = await p.waitReplies(3);
    expect(replies.map((r) => [r.command, r.replyFlag])).toEqual([
      [0x07, 0x01],
      [0x02, 0x01],
      [0x02, 0x01],
    ]);
    await listener.drain();
    expect(listener.snapshot().framesAccepted - before).toBe(2);
    const counts = listener.snapshot().platforms?.find((x) => x.name === '某车企平台');
    expect(counts).toMatchObject({ connections: 1, frames: 2, vehicles: 1 });
    expect(counts?.lastSeen).toBeGreaterThan(0);
    expect(await quarantine(VIN_OTHER)).toMatchObject({ reason: 'unknown_vin' });
    expect((await quarantine(VIN_OTHER))?.last_peer).toContain('平台 某车企平台');
    expect(listener.recentRejections(10).map((r) => r.reason)).toContain('platform_scope');
    const row = await t.db.kysely
      .selectFrom('truck_platforms')
      .selectAll()
      .where('username', '=', 'oemA')
      .executeTakeFirstOrThrow();
    expect(row.last_login_at).not.toBeNull();
    p.send(encodePlatformLogout('oemA', T, 1));
    await p.waitReplies(4);
    expect(p.replies[3]).toMatchObject({ command: 0x08, replyFlag: 0x01 });
    p.close();
  });

  it('answers a wrong password or a disabled platform with the error flag and closes', async () => {
    for (const [user, reason] of [
      ['oemA', 'platform_auth_failed'],
      ['nobody', 'platform_auth_failed'],
      ['oemOff', 'platform_disabled'],
    ] as const) {
      const p = await Terminal.open(listener.port);
      const before = listener.snapshot().rejections[reason] ?? 0;
      p.send(
        Buffer.concat([
          platformLogin(user, user === 'oemOff' ? PASSWORD : 'wrong-pass'),
          forwarded(VIN_HJ, 9),
        ]),
      );
      await p.waitClosed();
      expect(p.replies.map((r) => [r.command, r.replyFlag])).toEqual([[0x07, 0x02]]);
      expect(listener.snapshot().rejections[reason]).toBe(before + 1);
    }
  });

  it('refuses forwarded frames without a platform login', async () => {
    const p = await Terminal.open(listener.port);
    const before = listener.snapshot().rejections.platform_not_logged_in ?? 0;
    p.send(forwarded(VIN_HJ, 20));
    await listener.drain();
    await new Promise((r) => setTimeout(r, 100));
    expect(listener.snapshot().rejections.platform_not_logged_in).toBe(before + 1);
    expect(p.replies).toEqual([]);
    p.close();
  });

  it("verifies an activation with the vehicle's key and quarantines a bad signature", async () => {
    const term = await Terminal.open(listener.port);
    const accepted = listener.snapshot().framesAccepted;
    term.send(activation(VIN_HJ, PRIVATE));
    await new Promise((r) => setTimeout(r, 200));
    await listener.drain();
    expect(listener.snapshot().framesAccepted).toBe(accepted + 1);
    const other = Buffer.alloc(32, 0x11);
    const bad = listener.snapshot().rejections.bad_signature ?? 0;
    term.send(activation(VIN_HJ, other));
    await new Promise((r) => setTimeout(r, 200));
    await listener.drain();
    expect(listener.snapshot().rejections.bad_signature).toBe(bad + 1);
    expect(listener.snapshot().framesAccepted).toBe(accepted + 1);
    const q = await quarantine(VIN_HJ);
    expect(q).toMatchObject({ reason: 'bad_signature', frames: 1 });
    const sent = activation(VIN_HJ, other);
    expect(q?.last_raw).toHaveLength(sent.length * 2); // the whole frame
    expect(q?.last_raw.startsWith(sent.subarray(0, 86).toString('hex').toUpperCase())).toBe(true);
    term.close();
  });
});
