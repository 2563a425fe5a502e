// `lantian gb17691 parse|build` as an installer runs them: real child processes, stdin and stdout.

import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { LANTIAN, runCli } from './support/cli.ts';
import { encodeFrame, encodeMessage } from '../src/protocols/gb17691/index.ts';
import { realtimeFrame, VALID_VIN } from '../src/protocols/gb17691/test-frames.ts';
import {
  FRAME_VECTORS,
  STREAM_BODY_VALUES,
  T1_4_HJ,
} from '../src/protocols/gb17691/test-vectors.ts';

const lines = (s: string) =>
  s
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const hexOf = (b: Buffer) => b.toString('hex').toUpperCase();

/** Runs lantian with binary stdin and returns stdout as bytes. */
function runBinary(
  args: string[],
  input: Buffer,
): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(LANTIAN, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout: Buffer.concat(out), stderr }));
    child.stdin.end(input);
  });
}

// T1.4 with a VIN whose GB 16735 check digit is right, so the output has no warning.
const HJ_FRAME = encodeFrame(
  { command: 2, vin: VALID_VIN },
  Buffer.from(T1_4_HJ.hex.slice(48, -2), 'hex'),
);

// Each spawn starts the whole CLI; on a loaded 2-core machine that alone can take 15 s.
const SLOW = { timeout: 180_000 };

describe('lantian gb17691 parse', SLOW, () => {
  it('prints one JSON object per hex line, in the form of issue 11, and exit 3 on a rejection', async () => {
    const bad = Buffer.from(FRAME_VECTORS[0]!.hex, 'hex');
    bad[bad.length - 1] = 0x00;
    const input = [
      hexOf(HJ_FRAME),
      '',
      'not hex',
      '23 23 05 ' + FRAME_VECTORS[7]!.hex.slice(6),
      hexOf(bad),
    ].join('\n');
    const r = await runCli(['gb17691', 'parse'], {}, input);
    expect(r.code).toBe(3);
    const out = lines(r.stdout);
    expect(out).toHaveLength(4);
    expect(out[0]).toEqual({
      ok: true,
      command: 2,
      vin: VALID_VIN,
      softwareVersion: 1,
      encryption: 1,
      layout: 'hj1239',
      sendTime: '2024-05-01T08:30:09+08:00',
      serial: 1,
      blocks: [{ type: 2, time: '2024-05-01T08:30:00+08:00', serial: null, ...STREAM_BODY_VALUES }],
    });
    expect(out[1]).toMatchObject({ ok: false, error: 'bad_hex', raw: 'not hex' });
    expect(out[2]).toMatchObject({ ok: true, command: 5 });
    expect(out[3]).toMatchObject({ ok: false, error: 'bcc_mismatch', raw: hexOf(bad) });
    expect(String(out[3]!.detail)).toContain('0x41');
  });

  it('reads a raw byte stream with --binary: garbage between frames, every frame recovered', async () => {
    const stream = Buffer.concat([
      Buffer.from('AT+CIPSEND\r\n'),
      realtimeFrame('gb-serial-per-block', 1),
      realtimeFrame('hj1239', 10, { withObd: true }),
      Buffer.from([0x23, 0x23, 0x00]),
      realtimeFrame('gb-serial-first', 10),
    ]);
    const r = await runBinary(['gb17691', 'parse', '--binary'], stream);
    const out = lines(r.stdout.toString('utf8'));
    expect(out.map((o) => (o.ok ? o.layout : o.error))).toEqual([
      'bad_header',
      'gb-serial-per-block',
      'hj1239',
      'bad_header',
      'gb-serial-first',
    ]);
    expect(r.code).toBe(3);
  });

  it('verifies signatures with --public-key and rejects a wrong key as bad_signature', async () => {
    // The activation vector of sm2.test.ts, signed by the OpenSSL command line.
    const pub =
      'F679E13983C5DABBDC8A07F5B14A33C19EA47EC2676F2351AE48D7A0BE07D6B8ACC5015547C9C4CF61C841D13A0C4C01553D9627A4CB6EF3A6E365A74D833C47';
    const unit =
      '180501081E00' +
      Buffer.from('CHIP000000000001').toString('hex') +
      pub +
      Buffer.from(VALID_VIN).toString('hex') +
      '20' +
      '2E14BAEA64F04DF06D7466B3D3602AC886EC67F77B23D95DEA13CDCD85FF566C' +
      '20' +
      '2B4DA516A7B6AE959716BB508AD6BBCBFC03C54D1AC95F8F4FBE0F14922DA8A4';
    const frame = hexOf(encodeFrame({ command: 7, vin: VALID_VIN }, Buffer.from(unit, 'hex')));
    const good = await runCli(['gb17691', 'parse', '--public-key', pub], {}, frame);
    expect(good.code).toBe(0);
    expect(lines(good.stdout)[0]).toMatchObject({
      command: 7,
      chipId: 'CHIP000000000001',
      signature: { verified: true },
    });
    const wrong = await runCli(
      ['gb17691', 'parse', '--public-key', pub.replace(/^F6/, 'F7')],
      {},
      frame,
    );
    expect(wrong.code).toBe(3);
    expect(lines(wrong.stdout)[0]).toMatchObject({
      ok: false,
      error: 'bad_signature',
      command: 7,
      vin: VALID_VIN,
    });
  });

  it('refuses bad options with the usage exit code', async () => {
    const r = await runCli(['gb17691', 'parse', '--vin-check', 'maybe'], {}, '');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('LT_ERR_BAD_REQUEST');
  });
});

describe('lantian gb17691 build', SLOW, () => {
  it('builds the frames that parse printed, byte for byte', async () => {
    const frames = [
      ...FRAME_VECTORS.map((v) => v.hex),
      hexOf(realtimeFrame('gb-serial-per-block', 10, { withObd: true })),
      hexOf(
        encodeMessage({
          kind: 'anti-tamper',
          command: 6,
          vin: VALID_VIN,
          time: '2024-05-01T08:30:00+08:00',
          serial: 2,
          fixValid: false,
          lon: -70.5,
          lat: -33.25,
        }),
      ),
    ];
    const parsed = await runCli(['gb17691', 'parse'], {}, frames.join('\n'));
    expect(parsed.code).toBe(0);
    const built = await runCli(['gb17691', 'build'], {}, parsed.stdout);
    expect(built.code).toBe(0);
    expect(built.stdout.trim().split('\n')).toEqual(frames);
  });

  it('writes raw bytes with --binary, and makes deliberately bad frames for tests', async () => {
    const json = JSON.stringify({
      command: 4,
      vin: VALID_VIN,
      time: '2024-05-01T18:00:00+08:00',
      serial: 1,
      length: 9,
    });
    const r = await runBinary(['gb17691', 'build', '--binary'], Buffer.from(json + '\n'));
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBe(33);
    expect(r.stdout.readUInt16BE(22)).toBe(9);
  });

  it('explains each line it cannot build on stderr and exits 3', async () => {
    const r = await runCli(
      ['gb17691', 'build'],
      {},
      '{"command":1,"vin":"X"}\n[1]\n{"command":5,"vin":"' + VALID_VIN + '"}\n',
    );
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('第 1 行：缺少字段 time');
    expect(r.stderr).toContain('第 2 行：每行必须是一个 JSON 对象');
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
  });
});
