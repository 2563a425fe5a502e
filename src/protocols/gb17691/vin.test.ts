import { describe, expect, it } from 'vitest';
import { Gb17691Decoder } from './decoder.ts';
import type { FrameRejection } from './frame-event.ts';
import { encodeMessage } from './serializer.ts';
import { VALID_VIN } from './test-frames.ts';
import { isVinSyntax, vinCheckDigit, vinProblem } from './vin.ts';

const login = (vin: string) =>
  encodeMessage({
    kind: 'login',
    command: 1,
    vin,
    time: '2024-05-01T08:30:00+08:00',
    serial: 1,
    iccid: '89860000000000000001',
  });

describe('VIN (GB 16735)', () => {
  it('computes the check digit, including X', () => {
    expect(vinCheckDigit('LSVAM41Z6F2000001')).toBe('1');
    expect(vinCheckDigit('1M8GDM9AXKP042788')).toBe('X'); // ISO 3779 textbook example
    expect(vinCheckDigit('LFV2A21K6F4000001')).toBe('6');
  });

  it('accepts 17 characters without I, O, Q only', () => {
    expect(isVinSyntax(VALID_VIN)).toBe(true);
    expect(isVinSyntax('LSVAM41Z1F200000')).toBe(false);
    expect(isVinSyntax('LSVAM41Z1F200000I')).toBe(false);
    expect(isVinSyntax('lsvam41z1f2000001')).toBe(false);
    expect(isVinSyntax('LSVAM41Z1F200000\u0000')).toBe(false);
  });

  it('checks the digit only for WMI prefixes where the rule applies', () => {
    expect(vinProblem('LSVAM41Z6F2000001')).toBe('check_digit');
    expect(vinProblem('YV2RT40A5GA800001')).toBeNull(); // an imported truck: not checked
    expect(vinProblem('YV2RT40A5GA800001', ['Y'])).toBe('check_digit');
  });
});

describe('VIN checks in the decoder', () => {
  it('rejects a VIN with characters outside the alphabet as bad_vin', () => {
    const [e] = new Gb17691Decoder().push(login('LSVAM41Z1F20000O1')) as FrameRejection[];
    expect(e).toMatchObject({ ok: false, reason: 'bad_vin', vin: 'LSVAM41Z1F20000O1', command: 1 });
  });

  it('rejects a VIN padded with NUL bytes', () => {
    const [e] = new Gb17691Decoder().push(login('LSVAM41Z1F20')) as FrameRejection[];
    expect(e!.reason).toBe('bad_vin');
  });

  it('warns on a wrong check digit by default, rejects or ignores it when configured', () => {
    const frame = login('LSVAM41Z6F2000001');
    const [warned] = new Gb17691Decoder().push(frame);
    expect(warned!.ok && warned!.message.warnings.map((w) => w.code)).toEqual(['vin_check_digit']);
    const [rejected] = new Gb17691Decoder({ vinCheckDigit: 'reject' }).push(frame);
    expect(!rejected!.ok && rejected!.reason).toBe('bad_vin');
    const [ignored] = new Gb17691Decoder({ vinCheckDigit: 'off' }).push(frame);
    expect(ignored!.ok && ignored!.message.warnings).toEqual([]);
  });
});
