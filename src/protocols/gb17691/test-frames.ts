// Frames for the codec's tests, built with the serializer (test-vectors.ts holds the fixed ones).

import type { DataStreamBlock, ObdBlock, SupplementBlock } from './blocks.ts';
import type { Layout } from './layout.ts';
import { encodeMessage, type Gb17691MessageInput } from './serializer.ts';
import { STREAM_BODY_VALUES } from './test-vectors.ts';

/** A VIN whose GB 16735 check digit is right (position 9 = "1"). */
export const VALID_VIN = 'LSVAM41Z1F2000001';

/** A data-stream block with the §10.4 values at the given time. */
export function streamBlock(
  time: string,
  serial: number | null = null,
  over: Partial<DataStreamBlock> = {},
): DataStreamBlock {
  return { type: 0x02, time, serial, ...STREAM_BODY_VALUES, ...over };
}

/** A supplementary-stream block. */
export function supplementBlock(time: string, serial: number | null = null): SupplementBlock {
  return {
    type: 0x80,
    time,
    serial,
    torqueMode: 9,
    pedal: 40,
    fuelUsed: 12345.5,
    ureaTankTemp: 25,
    ureaInjection: 1234.56,
    ureaUsed: 98765,
    dpfExhaustTemp: 350,
  };
}

/** An OBD block with the given DTCs. */
export function obdBlock(
  time: string,
  serial: number | null = null,
  dtcs: string[] = [],
): ObdBlock {
  return {
    type: 0x01,
    time,
    serial,
    protocol: 2,
    mil: dtcs.length > 0 ? 1 : 0,
    diagnosticSupport: 0x0c00,
    diagnosticReadiness: 0x0400,
    vin: VALID_VIN,
    calibrationId: 'CAL0123456789ABCDE',
    cvn: '1A2B3C4D0000000000',
    iupr: Array.from({ length: 18 }, (_, i) => i * 10),
    dtcCount: dtcs.length,
    dtcs,
  };
}

const second = (base: string, k: number) =>
  base.replace(
    /:(\d{2})\+08:00$/,
    (_, s: string) => `:${String(Number(s) + k).padStart(2, '0')}+08:00`,
  );

/**
 * A real-time frame of `seconds` one-second data-stream blocks (collection times from 08:30:00)
 * in a layout; GB layouts share the frame time.
 */
export function realtimeFrame(
  layout: Layout,
  seconds = 10,
  options: { serial?: number; vin?: string; command?: 0x02 | 0x03; withObd?: boolean } = {},
): Buffer {
  const t0 = '2024-05-01T08:30:00+08:00';
  const serial = options.serial ?? 1;
  const blocks = Array.from({ length: seconds }, (_, k) =>
    streamBlock(
      layout === 'hj1239' ? second(t0, k) : t0,
      layout === 'gb-serial-per-block' ? serial * 10 + k : null,
      {
        speed: 20 + k,
        mileage: 7688 + k / 10,
      },
    ),
  );
  if (options.withObd)
    blocks.push(obdBlock(t0, layout === 'gb-serial-per-block' ? 9 : null, ['0001F203']) as never);
  const m: Gb17691MessageInput = {
    kind: options.command === 0x03 ? 'reissue' : 'realtime',
    command: options.command ?? 0x02,
    vin: options.vin ?? VALID_VIN,
    layout,
    sendTime: layout === 'hj1239' ? second(t0, seconds) : t0,
    serial: layout === 'gb-serial-per-block' ? null : serial,
    blocks,
    signature: null,
  };
  return encodeMessage(m);
}
