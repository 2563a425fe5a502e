// Field layouts of the fixed-size information bodies, in wire order (big-endian). Sources:
// docs/standards/gb17691.md §3 (data stream 0x02: a Python struct `>HBBBHHHHBHHHHBBBIII`, a Java
// decoder and a terminal's C packer agree) and §3 (TWC 0x03/0x05 and hybrid 0x04 from
// three HJ 1239 implementations; supplementary stream 0x80 `>BBIBIIH` from four). See
// docs/trucks.md for the table with units.

import { POSITION_BYTES } from './position.ts';
import { scaled, type ScaledField } from './scaled-field.ts';

/** One element of a body layout: a scaled field or the 9-byte position. */
export type BodyItem = ScaledField | { readonly key: 'position'; readonly bytes: 9 };

/** A fixed-size body: its size and its items in wire order. */
export interface BodySpec {
  readonly type: number;
  readonly name: string;
  readonly size: number;
  readonly items: readonly BodyItem[];
}

const POSITION = { key: 'position', bytes: POSITION_BYTES } as const;

// J1939-style ranges: 1-byte readings 0–250 (0xFA), 2-byte readings 0–64255 (0xFAFF).
const B1 = 0xfa;
const B2 = 0xfaff;

const speed = scaled('speed', 2, [1, 256], 0, B2); // km/h, 0–250.996
const pressure = scaled('pressure', 1, [1, 2], 0, B1); // kPa, 0–125
const torque = scaled('torque', 1, [1, 1], -125, B1); // % of reference torque, −125–125
const friction = scaled('friction', 1, [1, 1], -125, B1); // %, −125–125
const rpm = scaled('rpm', 2, [1, 8], 0, B2); // rpm, 0–8031.875
const fuelFlow = scaled('fuelFlow', 2, [1, 20], 0, B2); // L/h, 0–3212.75
const noxDownstream = scaled('noxDownstream', 2, [1, 20], -200, B2); // ppm, −200–3012.75
const airFlow = scaled('airFlow', 2, [1, 20], 0, B2); // kg/h, 0–3212.75
const coolantTemp = scaled('coolantTemp', 1, [1, 1], -40, B1); // °C, −40–210
const mileage = scaled('mileage', 4, [1, 10]); // km

/** 0x02 data stream of DPF and/or SCR vehicles, 37 bytes (docs/standards/gb17691.md §3). */
export const DATA_STREAM: BodySpec = {
  type: 0x02,
  name: '数据流（DPF/SCR）',
  size: 37,
  items: [
    speed,
    pressure,
    torque,
    friction,
    rpm,
    fuelFlow,
    scaled('noxUpstream', 2, [1, 20], -200, B2), // ppm
    noxDownstream,
    scaled('reagent', 1, [2, 5], 0, B1), // % remaining, 0–100
    airFlow,
    scaled('scrInletTemp', 2, [1, 32], -273, B2), // °C, −273–1734.97
    scaled('scrOutletTemp', 2, [1, 32], -273, B2), // °C
    scaled('dpfPressure', 2, [1, 10], 0, B2), // kPa, 0–6425.5
    coolantTemp,
    scaled('tankLevel', 1, [2, 5], 0, B1), // %, 0–100
    POSITION,
    mileage,
  ],
};

const twcHead: readonly BodyItem[] = [
  speed,
  pressure,
  torque,
  friction,
  rpm,
  fuelFlow,
  // 0.0000305 per bit, 0–1.999: the whole 2-byte range is a reading; only 0xFFFF is invalid.
  scaled('o2Upstream', 2, [305, 10_000_000]),
  scaled('o2Downstream', 1, [1, 100]), // V, 0–2.55 (0xFF is invalid, so at most 2.54)
];
const twcTail: readonly BodyItem[] = [
  airFlow,
  coolantTemp,
  scaled('twcTemp', 2, [1, 32], -273, B2), // °C
  POSITION,
  mileage,
];

/** 0x03 three-way catalyst without NOx sensor, 30 bytes (HJ 1239; docs/standards/gb17691.md §3). */
export const TWC: BodySpec = {
  type: 0x03,
  name: '数据流（TWC，无 NOx 传感器）',
  size: 30,
  items: [...twcHead, ...twcTail],
};

/** 0x05 three-way catalyst with downstream NOx sensor, 32 bytes (HJ 1239; docs/standards/gb17691.md §3). */
export const TWC_NOX: BodySpec = {
  type: 0x05,
  name: '数据流（TWC，带 NOx 传感器）',
  size: 32,
  items: [...twcHead, noxDownstream, ...twcTail],
};

// Hybrid readings follow the GB/T 32960 convention the implementing terminal uses: 0xFE… is
// "abnormal" and 0xFF… "invalid", both null.
/** 0x04 hybrid supplement, 8 bytes (HJ 1239; docs/standards/gb17691.md §3). */
export const HYBRID: BodySpec = {
  type: 0x04,
  name: '混合动力附加数据流',
  size: 8,
  items: [
    scaled('motorSpeed', 2, [1, 1], 0, 0xfffd), // rpm
    scaled('motorLoad', 1, [1, 1], 0, 0xfd), // %
    scaled('batteryVoltage', 2, [1, 10], 0, 0xfffd), // V
    scaled('batteryCurrent', 2, [1, 10], -1000, 0xfffd), // A, discharge positive
    scaled('soc', 1, [1, 1], 0, 0xfd), // %
  ],
};

/** 0x80 supplementary data stream, 17 bytes (Annex Q table A.8 as quoted; docs/standards/gb17691.md §3). */
export const SUPPLEMENT: BodySpec = {
  type: 0x80,
  name: '补充数据流',
  size: 17,
  items: [
    // 0 overspeed fail, 1 speed control, 2 torque control, 3 speed/torque control, 9 normal.
    scaled('torqueMode', 1, [1, 1]),
    scaled('pedal', 1, [2, 5], 0, B1), // accelerator pedal %, 0–100
    scaled('fuelUsed', 4, [1, 2]), // cumulative fuel, L
    scaled('ureaTankTemp', 1, [1, 1], -40, B1), // °C
    scaled('ureaInjection', 4, [1, 100]), // actual urea injection, mL/h
    scaled('ureaUsed', 4, [1, 1]), // cumulative urea, g
    scaled('dpfExhaustTemp', 2, [1, 32], -273, B2), // °C
  ],
};

/** The fixed-size bodies by info type. */
export const BODY_SPECS: ReadonlyMap<number, BodySpec> = new Map(
  [DATA_STREAM, TWC, TWC_NOX, HYBRID, SUPPLEMENT].map((s) => [s.type, s]),
);
