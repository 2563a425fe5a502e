// Test vectors of docs/standards/gb17691.md §10.4,
// shared by the codec's tests. They were constructed from the documented layouts with a small
// script by the sheet's authors, not captured from trucks; every BCC was recomputed there.
// VIN LSVAM41Z6F2000001, software version 0x01, encryption 0x01. Note: this VIN's GB 16735
// check digit would be "1", not "6", so decoding it yields a `vin_check_digit` warning.

/** A frame and its expected size and BCC. */
export interface FrameVector {
  readonly name: string;
  readonly hex: string;
  readonly bytes: number;
  readonly bcc: number;
}

/** The VIN of every vector. */
export const VECTOR_VIN = 'LSVAM41Z6F2000001';

/** The 37-byte data-stream body of §10.4 / T1.2–T1.5. */
export const STREAM_BODY_HEX =
  '1900C8BE80320000C813880FA0C80FA02C602A4000647D960006F2D4A00260C1A800012C50';

/** What STREAM_BODY_HEX decodes to (§10.4). */
export const STREAM_BODY_VALUES = {
  speed: 25,
  pressure: 100,
  torque: 65,
  friction: 3,
  rpm: 1600,
  fuelFlow: 10,
  noxUpstream: 50,
  noxDownstream: 0,
  reagent: 80,
  airFlow: 200,
  scrInletTemp: 82,
  scrOutletTemp: 65,
  dpfPressure: 10,
  coolantTemp: 85,
  tankLevel: 60,
  fixValid: true,
  lon: 116.57744,
  lat: 39.895464,
  mileage: 7688,
} as const;

/** T1.1 (= §10.4) login, 2024-05-01 08:30:00, serial 1, ICCID 89860000000000000001. */
export const T1_1_LOGIN: FrameVector = {
  name: 'T1.1 login',
  hex: '2323014C5356414D34315A3646323030303030310101001C180501081E000001383938363030303030303030303030303030303141',
  bytes: 53,
  bcc: 0x41,
};

/** T1.2 Annex Q real-time, layout A (serial after the time). */
export const T1_2_GB_SERIAL_FIRST: FrameVector = {
  name: 'T1.2 GB layout A (serial first)',
  hex: '2323024C5356414D34315A3646323030303030310101002E180501081E000001021900C8BE80320000C813880FA0C80FA02C602A4000647D960006F2D4A00260C1A800012C5065',
  bytes: 71,
  bcc: 0x65,
};

/** T1.3 the same content in layout B (serial per block) — the same BCC. */
export const T1_3_GB_SERIAL_PER_BLOCK: FrameVector = {
  name: 'T1.3 GB layout B (serial per block)',
  hex: '2323024C5356414D34315A3646323030303030310101002E180501081E000200011900C8BE80320000C813880FA0C80FA02C602A4000647D960006F2D4A00260C1A800012C5065',
  bytes: 71,
  bcc: 0x65,
};

/** T1.4 HJ 1239 real-time, unsigned: send 08:30:09, serial 1, block 0x02 collected 08:30:00. */
export const T1_4_HJ: FrameVector = {
  name: 'T1.4 HJ 1239 unsigned',
  hex: '2323024C5356414D34315A36463230303030303101010034180501081E09000102180501081E001900C8BE80320000C813880FA0C80FA02C602A4000647D960006F2D4A00260C1A800012C507C',
  bytes: 77,
  bcc: 0x7c,
};

/** T1.5 T1.4 with a dummy signature 20 | 01..20 | 20 | 21..40 (not a valid SM2 signature). */
export const T1_5_HJ_SIGNED: FrameVector = {
  name: 'T1.5 HJ 1239 with a dummy signature',
  hex: '2323024C5356414D34315A36463230303030303101010076180501081E09000102180501081E001900C8BE80320000C813880FA0C80FA02C602A4000647D960006F2D4A00260C1A800012C50200102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F20202122232425262728292A2B2C2D2E2F303132333435363738393A3B3C3D3E3F407E',
  bytes: 143,
  bcc: 0x7e,
};

/** T1.6 HJ 1239 anti-tamper: serial 1, fix valid N/E, 114.538962 E 36.625657 N (Handan). */
export const T1_6_ANTI_TAMPER: FrameVector = {
  name: 'T1.6 anti-tamper',
  hex: '2323064C5356414D34315A36463230303030303101010011180501081E0000010006D3B9D2022EDCF9F2',
  bytes: 42,
  bcc: 0xf2,
};

/** T1.7 activation reply "success" (01 00). */
export const T1_7_ACTIVATION_REPLY: FrameVector = {
  name: 'T1.7 activation reply',
  hex: '2323084C5356414D34315A36463230303030303101010002010052',
  bytes: 27,
  bcc: 0x52,
};

/** T1.8 time calibration request (empty body). */
export const T1_8_TIME_REQUEST: FrameVector = {
  name: 'T1.8 time calibration request',
  hex: '2323054C5356414D34315A364632303030303031010100005C',
  bytes: 25,
  bcc: 0x5c,
};

/** T1.8 the platform's reply carrying 2024-05-01 08:30:05. */
export const T1_8_TIME_REPLY: FrameVector = {
  name: 'T1.8 time calibration reply',
  hex: '2323054C5356414D34315A36463230303030303101010006180501081E0555',
  bytes: 31,
  bcc: 0x55,
};

/** T1.9 logout, 2024-05-01 18:00:00, serial 1. */
export const T1_9_LOGOUT: FrameVector = {
  name: 'T1.9 logout',
  hex: '2323044C5356414D34315A3646323030303030310101000818050112000000015A',
  bytes: 33,
  bcc: 0x5a,
};

/** Every complete frame vector. */
export const FRAME_VECTORS: readonly FrameVector[] = [
  T1_1_LOGIN,
  T1_2_GB_SERIAL_FIRST,
  T1_3_GB_SERIAL_PER_BLOCK,
  T1_4_HJ,
  T1_5_HJ_SIGNED,
  T1_6_ANTI_TAMPER,
  T1_7_ACTIVATION_REPLY,
  T1_8_TIME_REQUEST,
  T1_8_TIME_REPLY,
  T1_9_LOGOUT,
];

/** T1.10 supplement 0x80 body and its decode. */
export const T1_10_SUPPLEMENT = {
  hex: '096400006073410001E240000181CD4DE0',
  values: {
    torqueMode: 9,
    pedal: 40,
    fuelUsed: 12345.5,
    ureaTankTemp: 25,
    ureaInjection: 1234.56,
    ureaUsed: 98765,
    dpfExhaustTemp: 350,
  },
} as const;

/** T1.11 TWC 0x03 body and its decode. */
export const T1_11_TWC = {
  hex: '2800C8AF822BC000A08013410BB88066E00006D3B9D2022EDCF90001E240',
  values: {
    speed: 40,
    pressure: 100,
    torque: 50,
    friction: 5,
    rpm: 1400,
    fuelFlow: 8,
    o2Upstream: 1.0000035, // 32787 × 0.0000305; the sheet rounds it to 1.0000
    o2Downstream: 0.65,
    airFlow: 150,
    coolantTemp: 88,
    twcTemp: 550,
    fixValid: true,
    lon: 114.538962,
    lat: 36.625657,
    mileage: 12345.6,
  },
} as const;

/** T1.12 hybrid 0x04 body and its decode. */
export const T1_12_HYBRID = {
  hex: '0BB82D1770290450',
  values: { motorSpeed: 3000, motorLoad: 45, batteryVoltage: 600, batteryCurrent: 50, soc: 80 },
} as const;

/** T1.13 raw SCR-downstream NOx values → ppm (0xFFFF is invalid, not 3076.75). */
export const T1_13_NOX: ReadonlyArray<readonly [raw: number, ppm: number | null]> = [
  [0x1194, 25],
  [0x2328, 250],
  [0x0fa0, 0],
  [0xffff, null],
];
