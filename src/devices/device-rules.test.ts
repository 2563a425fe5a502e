import { describe, expect, it } from 'vitest';
import { checkDevice, type DeviceInput } from './device-rules.ts';

const ok: DeviceInput = {
  mn: '010000A8900016F000169DC0',
  kind: 'station',
  target: '1011A',
  password: '123456',
  edition: 'auto',
  crc: 'standard',
  intervalS: 3600,
};

describe('device registration rules', () => {
  it('accepts a well-formed device and the 13-character MNs seen in the field', () => {
    expect(checkDevice(ok).ok).toBe(true);
    expect(checkDevice({ ...ok, mn: 'ZLDSZ20210127' }).ok).toBe(true);
  });
  it.each([
    [{ mn: 'short' }, 'LT_ERR_BAD_MN', 'mn'],
    [{ mn: 'A1B2C3D4E5F6;00000000001' }, 'LT_ERR_BAD_MN', 'mn'],
    [{ kind: 'water' }, 'LT_ERR_BAD_DEVICE', 'kind'],
    [{ target: '' }, 'LT_ERR_BAD_DEVICE', 'target'],
    [{ password: 'with space' }, 'LT_ERR_BAD_DEVICE', 'password'],
    [{ edition: '2020' }, 'LT_ERR_BAD_DEVICE', 'edition'],
    [{ crc: 'crc32' }, 'LT_ERR_BAD_DEVICE', 'crc'],
    [{ intervalS: 0 }, 'LT_ERR_BAD_DEVICE', 'interval_s'],
    [{ intervalS: 1.5 }, 'LT_ERR_BAD_DEVICE', 'interval_s'],
    [{ intervalS: Number.NaN }, 'LT_ERR_BAD_DEVICE', 'interval_s'],
    [{ aliases: { a34004: { unit: 'ppm' } } }, 'LT_ERR_BAD_DEVICE', 'aliases'],
  ])('refuses %j with %s', (patch, code, field) => {
    const c = checkDevice({ ...ok, ...patch });
    expect(c).toMatchObject({ ok: false, code, field });
  });
});
