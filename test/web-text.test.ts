/**
 * The dashboard's pure text and ordering rules: HJ 212 codes and DataTime as people read them
 * (names from the server's own modules), the audit log's detail in Chinese, the ranking in rank
 * order, and the day the pages open on.
 */
import { describe, expect, it } from 'vitest';
import { dataFlagText, dataTimeText, factorName } from '../web/src/lib/hj212-names.ts';
import { defaultDay } from '../web/src/lib/default-day.ts';
import { auditDetailText } from '../web/src/pages/system/audit-detail.ts';
import { inRankOrder } from '../web/src/pages/plan/rank-order.ts';

describe('HJ 212 text', () => {
  it('names pollutant codes of 2017 and 2005 in Chinese, leaves unknown codes alone', () => {
    expect(factorName('a05024')).toBe('臭氧');
    expect(factorName('a34004')).toBe('细颗粒物');
    expect(factorName('a34002')).toBe('可吸入颗粒物');
    expect(factorName('a21026')).toBe('二氧化硫');
    expect(factorName('02')).toBe('二氧化硫');
    expect(factorName('a99999')).toBe('a99999');
  });
  it('writes DataTime as date and time, seconds only when present', () => {
    expect(dataTimeText('20261126064200')).toBe('2026-11-26 06:42');
    expect(dataTimeText('20261126064213')).toBe('2026-11-26 06:42:13');
    expect(dataTimeText('20261126064200123')).toBe('2026-11-26 06:42');
    expect(dataTimeText('garbage')).toBe('garbage');
  });
  it('names data flags by their meaning, never as the bare letter', () => {
    expect(dataFlagText('N')).toBe('正常');
    expect(dataFlagText('D')).toBe('故障');
    expect(dataFlagText('T')).toBe('超测上限');
    expect(dataFlagText('B')).toBe('通讯异常');
    expect(dataFlagText('3')).toBe('正常（2005）');
    expect(dataFlagText('n')).toBe('未知标记（n）');
    expect(dataFlagText(null)).toBe('');
    expect(dataFlagText('')).toBe('');
  });
});

describe('audit detail', () => {
  it('reads as Chinese, with names for coded values and no JSON', () => {
    expect(auditDetailText({ reason: 'bad_password' })).toBe('原因：密码错误');
    expect(auditDetailText({ date: '2020-09-30', from: 'on_track', to: 'overdue' })).toBe(
      '日期：2020-09-30；原为：正常推进；改为：逾期',
    );
    expect(
      auditDetailText({ role: 'county', regionAdcode: '130402', mustChangePassword: true }),
    ).toBe('角色：县区；行政区：130402；须修改密码：是');
    expect(auditDetailText({ before: { role: 'visitor' }, after: { role: 'county' } })).toBe(
      '修改前：（角色：访客）；修改后：（角色：县区）',
    );
    expect(auditDetailText(null)).toBe('');
    const big = auditDetailText({ rows: Array.from({ length: 500 }, (_, i) => `1.${i}@130402`) });
    expect(big.length).toBeLessThanOrEqual(300);
    expect(big).not.toMatch(/[{}"]/);
  });
});

describe('ranking order', () => {
  it('puts the best rank first, ties together by adcode, unranked last', () => {
    const rows = [
      { adcode: '130402', rank: 8 },
      { adcode: '130403', rank: 3 },
      { adcode: '130404', rank: null },
      { adcode: '130406', rank: 1 },
      { adcode: '130405', rank: 3 },
    ];
    expect(inRankOrder(rows).map((r) => `${r.rank}:${r.adcode}`)).toEqual([
      '1:130406',
      '3:130403',
      '3:130405',
      '8:130402',
      'null:130404',
    ]);
  });
});

describe('default day', () => {
  const days = (lastAssessable: string | null) => ({
    region: '130400',
    station: null,
    today: '2026-12-03',
    first: '2020-01-01',
    last: '2021-01-06',
    lastAssessable,
    stations: 4,
    required: 2,
  });
  it('opens on today with live data, else on the last assessable day with the reason', () => {
    expect(defaultDay(days('2026-12-02'), '2026-12-03')).toEqual({ date: '2026-12-03', note: '' });
    const old = defaultDay(days('2020-12-31'), '2026-12-03');
    expect(old.date).toBe('2020-12-31');
    expect(old.note).toContain('2020年12月31日');
    expect(old.note).toContain('2/4');
    expect(defaultDay(days(null), '2026-12-03').date).toBe('2026-12-03');
    expect(defaultDay(null, '2026-12-03')).toEqual({ date: '2026-12-03', note: '' });
  });
});
