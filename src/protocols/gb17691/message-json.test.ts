import { describe, expect, it } from 'vitest';
import { Gb17691Decoder, type DecodedMessage } from './decoder.ts';
import { buildFromJson, messageToJson } from './message-json.ts';
import { FRAME_VECTORS, T1_2_GB_SERIAL_FIRST } from './test-vectors.ts';
import { realtimeFrame, VALID_VIN } from './test-frames.ts';
import type { FrameRejection } from './frame-event.ts';

const decode = (frame: Buffer) => {
  const d = new Gb17691Decoder();
  return [...d.push(frame), ...d.flush()];
};
const json = (frame: Buffer) =>
  JSON.parse(JSON.stringify(messageToJson((decode(frame)[0] as DecodedMessage).message)));

describe('message JSON', () => {
  it('prints the form of the issue for a real-time frame', () => {
    const j = json(Buffer.from(T1_2_GB_SERIAL_FIRST.hex, 'hex'));
    expect(Object.keys(j)).toEqual([
      'ok',
      'command',
      'vin',
      'softwareVersion',
      'encryption',
      'layout',
      'sendTime',
      'serial',
      'blocks',
      'warnings',
    ]);
    expect(Object.keys(j.blocks[0])).toEqual([
      'type',
      'time',
      'serial',
      'speed',
      'pressure',
      'torque',
      'friction',
      'rpm',
      'fuelFlow',
      'noxUpstream',
      'noxDownstream',
      'reagent',
      'airFlow',
      'scrInletTemp',
      'scrOutletTemp',
      'dpfPressure',
      'coolantTemp',
      'tankLevel',
      'fixValid',
      'lon',
      'lat',
      'mileage',
    ]);
  });

  it.each(FRAME_VECTORS)('$name: build(parse(frame)) is the frame', (v) => {
    const frame = Buffer.from(v.hex, 'hex');
    const r = buildFromJson(json(frame));
    expect(r.ok && r.frame.equals(frame)).toBe(true);
  });

  it('builds every layout back from its JSON', () => {
    for (const layout of ['hj1239', 'gb-serial-first', 'gb-serial-per-block'] as const) {
      const frame = realtimeFrame(layout, 10, { withObd: true });
      const r = buildFromJson(json(frame));
      expect(r.ok && r.frame.equals(frame)).toBe(true);
    }
  });

  it('defaults: "##", software version 1, encryption 1, layout hj1239, GB block times', () => {
    const r = buildFromJson({
      command: 2,
      vin: VALID_VIN,
      layout: 'gb-serial-first',
      sendTime: '2024-05-01T08:30:00+08:00',
      serial: 1,
      blocks: [
        {
          type: 0x80,
          torqueMode: 9,
          pedal: 40,
          fuelUsed: 1,
          ureaTankTemp: 25,
          ureaInjection: 0,
          ureaUsed: 1,
          dpfExhaustTemp: null,
        },
      ],
    });
    expect(r.ok).toBe(true);
    const [e] = decode(r.ok ? r.frame : Buffer.alloc(0)) as DecodedMessage[];
    expect(e!.message).toMatchObject({
      softwareVersion: 1,
      encryption: 1,
      layout: 'gb-serial-first',
    });
  });

  it('makes frames with a lying length, a wrong BCC or a raw data unit', () => {
    const lying = buildFromJson({
      command: 4,
      vin: VALID_VIN,
      time: '2024-05-01T18:00:00+08:00',
      serial: 1,
      length: 100,
    });
    expect(lying.ok && lying.frame.readUInt16BE(22)).toBe(100);
    const badBcc = buildFromJson({
      command: 4,
      vin: VALID_VIN,
      time: '2024-05-01T18:00:00+08:00',
      serial: 1,
      bcc: 0,
    });
    const [e] = decode(badBcc.ok ? badBcc.frame : Buffer.alloc(0)) as FrameRejection[];
    expect(e!.reason).toBe('bcc_mismatch');
    const raw = buildFromJson({ command: 0x80, vin: VALID_VIN, data: '18 05 01 08 1E 00' });
    expect(raw.ok && raw.frame.length).toBe(31);
  });

  it.each([
    [[1, 2], '每行必须是一个 JSON 对象'],
    [{ ok: false, error: 'bcc_mismatch' }, '被拒绝报文'],
    [{ command: 2, vin: VALID_VIN, sendTime: null, blocks: [], colour: 1 }, '未知字段 "colour"'],
    [
      { command: 1, vin: VALID_VIN, time: '2024-05-01T08:30:00+08:00', serial: 1 },
      '缺少字段 iccid',
    ],
    [{ command: 0x44, vin: VALID_VIN }, 'data 字段'],
    [{ command: 2, vin: VALID_VIN, layout: 'x', sendTime: null, blocks: [] }, 'layout 只能是'],
    [{ command: 2, vin: VALID_VIN, sendTime: null, blocks: [{ type: 2, speed: 1 }] }, 'time'],
    [
      {
        command: 2,
        vin: VALID_VIN,
        layout: 'gb-serial-first',
        serial: 1,
        sendTime: null,
        blocks: [{ type: 2, spede: 1 }],
      },
      '"spede"',
    ],
    [
      {
        command: 2,
        vin: VALID_VIN,
        layout: 'gb-serial-per-block',
        sendTime: null,
        blocks: [
          { type: 0x04, motorSpeed: 1, motorLoad: 1, batteryVoltage: 1, batteryCurrent: 1, soc: 1 },
        ],
      },
      'serial',
    ],
    [
      {
        command: 6,
        vin: VALID_VIN,
        time: '2024-05-01T08:30:00+08:00',
        serial: 1,
        fixValid: true,
        lon: 200,
        lat: 1,
      },
      'lon',
    ],
    [
      { command: 4, vin: VALID_VIN, time: '2024-13-01T08:30:00+08:00', serial: 1 },
      '不是有效的时间',
    ],
  ])('explains why %j cannot be built', (value, detail) => {
    const r = buildFromJson(value);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.detail).toContain(detail);
  });
});
