/**
 * The 重型柴油车 page's pure rules: every code the server sends has a Chinese name (record flags,
 * the codec's and the listener's rejection reasons, commands, information types), a vehicle's
 * state in words, and the per-county counts the bar chart draws.
 */
import { describe, expect, it } from 'vitest';
import { REJECT_REASONS } from '../src/protocols/gb17691/reason-codes.ts';
import { recordFlags } from '../src/trucks/rules/record-flags.ts';
import { DEFAULT_TRUCKS_CONFIG } from '../src/trucks/trucks-config.ts';
import type { Vehicle } from '../web/src/api/types.ts';
import {
  commandLabel,
  flagsText,
  reasonLabel,
  reasonText,
  recordTypeLabel,
} from '../web/src/pages/trucks/truck-names.ts';
import { countyCounts, vehicleRows, vehicleState } from '../web/src/pages/trucks/truck-state.ts';

const CJK = /[\u4e00-\u9fff]/;

function vehicle(vin: string, county: string, status: Partial<Vehicle['status']> = {}): Vehicle {
  return {
    vin,
    plate: `冀D${vin.slice(-5)}`,
    plateColour: '黄',
    emissionStage: '国六',
    fuel: '柴油',
    owner: '邯郸物流公司',
    fleet: null,
    county,
    iccid: null,
    chipId: null,
    replyMode: 'hj',
    layout: null,
    signKey: null,
    createdAt: 0,
    updatedAt: 0,
    status: {
      online: false,
      connected: false,
      lastFrameAt: null,
      lastRecordTime: null,
      lastLon: null,
      lastLat: null,
      lastSpeed: null,
      lastLoginAt: null,
      records: 0,
      ...status,
    },
  };
}

describe('truck names', () => {
  it('names every rejection reason of the codec and of the listener in Chinese', () => {
    for (const code of [
      ...Object.keys(REJECT_REASONS),
      'unknown_vin',
      'block_bad_time',
      'platform_auth_failed',
      'platform_disabled',
      'platform_not_logged_in',
      'platform_scope',
    ]) {
      expect(reasonLabel(code), code).toMatch(CJK);
      expect(reasonLabel(code), code).not.toBe('其他原因');
      expect(reasonText(code), code).toMatch(CJK);
      expect(reasonLabel(code)).not.toContain('_');
    }
    expect(reasonLabel('bcc_mismatch')).toBe('BCC 校验不符');
    expect(reasonLabel('unknown_vin')).toBe('未登记车辆');
    expect(reasonLabel('something_new')).toBe('其他原因');
  });

  it('names the flags the rules raise, and says 无 without flags', () => {
    const flags = recordFlags(
      {
        speed: 40,
        rpm: 1500,
        noxUpstream: 800,
        noxDownstream: 790,
        scrInletTemp: 260,
        reagent: 0,
      },
      DEFAULT_TRUCKS_CONFIG.rules,
    );
    expect(flags.map((f) => f.code).sort()).toEqual([
      'nox_high',
      'reagent_empty',
      'scr_no_conversion',
    ]);
    expect(flagsText(flags)).toBe('NOx 偏高、SCR 无转化、尿素耗尽');
    expect(flagsText([{ code: 'nox_invalid' }])).toBe('NOx 无效');
    expect(flagsText([])).toBe('无');
  });

  it('names commands and information types', () => {
    expect(commandLabel(0x02)).toBe('实时信息上报');
    expect(commandLabel(0x0a)).toBe('未知命令 0x0A');
    expect(commandLabel(null)).toBe('—');
    expect(recordTypeLabel(2)).toBe('数据流');
    expect(recordTypeLabel(0x80)).toBe('补充数据流');
  });
});

describe('truck state', () => {
  it('says 已连接, 在线, 离线 or 从未上报', () => {
    expect(vehicleState(vehicle('A', 'x', { connected: true, online: true, lastFrameAt: 1 }))).toBe(
      '已连接',
    );
    expect(vehicleState(vehicle('A', 'x', { online: true, lastFrameAt: 1 }))).toBe('在线');
    expect(vehicleState(vehicle('A', 'x', { lastFrameAt: 1 }))).toBe('离线');
    expect(vehicleState(vehicle('A', 'x'))).toBe('从未上报');
  });

  it('counts registered, online and connected vehicles by county, most registered first', () => {
    const names: Record<string, string> = { '130402': '邯山区', '130403': '丛台区' };
    const name = (a: string) => names[a] ?? a;
    const list = [
      vehicle('1', '130403', { online: true, connected: true, lastFrameAt: 1 }),
      vehicle('2', '130402', { online: true, lastFrameAt: 1 }),
      vehicle('3', '130402'),
    ];
    expect(countyCounts(list, name)).toEqual([
      { county: '邯山区', registered: 2, online: 1, connected: 0 },
      { county: '丛台区', registered: 1, online: 1, connected: 1 },
    ]);
    const rows = vehicleRows(list, name);
    expect(rows.map((r) => [r.county, r.state, r.fleet])).toEqual([
      ['丛台区', '已连接', '邯郸物流公司'],
      ['邯山区', '在线', '邯郸物流公司'],
      ['邯山区', '从未上报', '邯郸物流公司'],
    ]);
  });
});
