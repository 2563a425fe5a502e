import { describe, expect, it } from 'vitest';
import { checkChallenge, newChallenge } from './arithmetic-challenge.ts';
import { checkReportFile } from './media-check.ts';
import { unitAt } from './unit-at.ts';
import { rewardFor } from './reward-rule.ts';

const square = (x0: number, y0: number, s: number): Array<[number, number]> => [
  [x0, y0],
  [x0 + s, y0],
  [x0 + s, y0 + s],
  [x0, y0 + s],
  [x0, y0],
];

describe('public reporting rules', () => {
  it('accepts the right answer once signed, and nothing tampered or expired', () => {
    const c = newChallenge('k'.repeat(20), 1000, 60_000);
    const [a, b] = c.question.match(/\d+/g)!.map(Number);
    const ok = checkChallenge('k'.repeat(20), c.token, String(a! + b!), 2000);
    expect(ok).toMatchObject({ expiresAt: 61_000 });
    expect(checkChallenge('k'.repeat(20), c.token, String(a! + b! + 1), 2000)).toHaveProperty(
      'problem',
    );
    expect(checkChallenge('other-key-0123456789', c.token, String(a! + b!), 2000)).toHaveProperty(
      'problem',
    );
    const [n, , mac] = c.token.split('.');
    expect(
      checkChallenge('k'.repeat(20), `${n}.99999999.${mac}`, String(a! + b!), 2000),
    ).toHaveProperty('problem');
    expect(checkChallenge('k'.repeat(20), c.token, String(a! + b!), 61_001)).toEqual({
      problem: '验证题已过期，请刷新后重答',
    });
  });

  it('places points by even-odd rings (a hole is outside)', () => {
    const units = [{ adcode: '1', name: 'A', polygons: [[square(0, 0, 10), square(4, 4, 2)]] }];
    expect(unitAt(units, 1, 1)?.adcode).toBe('1');
    expect(unitAt(units, 5, 5)).toBeUndefined();
    expect(unitAt(units, 11, 1)).toBeUndefined();
  });

  it('takes photos and MP4 by content, each under its own limit', () => {
    const limits = { maxImageBytes: 100, maxVideoBytes: 1000 };
    const mp4 = Buffer.concat([Buffer.from('\0\0\0\x18ftypisom'), Buffer.alloc(200)]);
    expect(checkReportFile(mp4, 'v', limits)).toEqual({ type: 'video/mp4', filename: 'file.mp4' });
    expect(checkReportFile(Buffer.from('%PDF-1.7 not a photo'), 'p', limits)).toMatchObject({
      kind: 'type',
    });
    expect(
      checkReportFile(
        Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(200)]),
        'j',
        limits,
      ),
    ).toMatchObject({ kind: 'size' });
  });

  it('rewards a confirmed report with a contact, by category', () => {
    const rule = {
      edition: 'e1',
      amounts: { industrial: 500, dust: 0, burning: 1, vehicle: 1, odour: 1, other: 1 },
      requireContact: true,
    };
    expect(
      rewardFor(rule, { category: 'industrial', result: 'confirmed', hasContact: true }),
    ).toEqual({ amount: 500, edition: 'e1' });
    expect(
      rewardFor(rule, { category: 'industrial', result: 'not_confirmed', hasContact: true }),
    ).toHaveProperty('reason');
    expect(
      rewardFor(rule, { category: 'industrial', result: 'confirmed', hasContact: false }),
    ).toHaveProperty('reason');
    expect(
      rewardFor(rule, { category: 'dust', result: 'confirmed', hasContact: true }),
    ).toHaveProperty('reason');
  });
});
