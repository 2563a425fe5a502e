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
    expect(checkDevice(ok)).toMatchObject({ ok: true, warnings: [] });
    expect(checkDevice({ ...ok, mn: 'ZLDSZ20210127' }).ok).toBe(true);
  });
  it('accepts real MNs and passwords the standard does not name, with warnings', () => {
    const pw = '0123456789ABCDEF01234567'; // 24 hex digits, from a live air station
    for (const mn of ['LB4200001', 'SD000001']) {
      const c = checkDevice({ ...ok, mn, password: pw });
      expect(c.ok).toBe(true);
      if (!c.ok) continue;
      expect(c.warnings).toHaveLength(2);
      expect(c.warnings.join('')).toContain('HJ 212-2017 表 3');
    }
  });
  it('applies configured limits', () => {
    const strict = { mn: { min: 24, max: 24 }, pwMax: 6 };
    expect(checkDevice({ ...ok, mn: 'LB4200001' }, strict)).toMatchObject({
      code: 'LT_ERR_BAD_MN',
    });
    expect(checkDevice({ ...ok, password: '1234567' }, strict)).toMatchObject({
      field: 'password',
    });
  });
  it.each([
    [{ mn: 'sh ort' }, 'LT_ERR_BAD_MN', 'mn'],
    [{ mn: 'A'.repeat(65) }, 'LT_ERR_BAD_MN', 'mn'],
    [{ password: 'p'.repeat(65) }, 'LT_ERR_BAD_DEVICE', 'password'],
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
