/**
 * The tasks page's measured targets (web/src/pages/tasks/measured-targets.ts): 三.(三).6.1 t1 is
 * measured by GET /api/trucks/networked, as the plan file and the trucks' settings name it, and
 * the figure reads in Chinese for the city (with the share of the target), a county (its own
 * vehicles, no share) and a store without trucks.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRUCKS_CONFIG } from '../src/trucks/trucks-config.ts';
import type { TruckNetworked } from '../web/src/api/types.ts';
import {
  MEASURED_TARGETS,
  measuredTarget,
  networkedPhrase,
} from '../web/src/pages/tasks/measured-targets.ts';
import { PAGES } from '../web/src/session.ts';

const TARGET = {
  plan: 'handan-2020',
  number: '三.(三).6.1',
  targetId: 't1',
  metric: '国四及以上重型柴油货车安装远程在线监控设备并联网',
  unit: '辆',
  value: 12600,
};

function networked(over: Partial<TruckNetworked> = {}): TruckNetworked {
  return {
    windowDays: 30,
    since: 0,
    registered: 3,
    networked: 2,
    target: TARGET,
    ratio: 0.0002,
    ...over,
  };
}

describe('measured targets', () => {
  it('三.(三).6.1 t1 is the networked trucks, the target the trucks domain counts toward', () => {
    const m = measuredTarget('三.(三).6.1', 't1');
    expect(m?.path).toBe('/api/trucks/networked');
    expect(m?.page.to).toBe('/trucks');
    const days = DEFAULT_TRUCKS_CONFIG.days.planTarget;
    expect([days.number, days.targetId]).toEqual(['三.(三).6.1', 't1']);
    // The plan file names that measure and target.
    const plan = readFileSync('data/plans/handan-2020/tasks/campaign-3.json', 'utf8');
    expect(plan).toContain('"number": "三.(三).6.1"');
    expect(plan).toContain('"value": 12600');
  });

  it('other targets and measures are not measured', () => {
    expect(measuredTarget('三.(三).6.1', 't2')).toBeNull();
    expect(measuredTarget('三.(三).6.2', 't1')).toBeNull();
  });

  it('every entry links to a dashboard page and reads an API path', () => {
    const pages = new Set<string>(PAGES.map((n) => n.path));
    for (const m of MEASURED_TARGETS) {
      expect(pages.has(m.page.to)).toBe(true);
      expect(m.path.startsWith('/api/')).toBe(true);
      expect(m.page.label).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('the city: the count and its share of the target', () => {
    expect(networkedPhrase(networked())).toBe(
      '系统测得：已联网 2 辆（近 30 天有数据的登记车辆），占目标 0.02%',
    );
    expect(networkedPhrase(networked({ networked: 9450, registered: 11000, ratio: 0.75 }))).toBe(
      '系统测得：已联网 9,450 辆（近 30 天有数据的登记车辆），占目标 75.0%',
    );
  });

  it('a county: its own vehicles, no share', () => {
    expect(networkedPhrase(networked({ ratio: null, networked: 1, registered: 2 }))).toBe(
      '系统测得：本辖区已联网 1 辆（近 30 天有数据的登记车辆；区县账号只计本辖区，不计占目标比例）',
    );
  });

  it('no trucks registered says so', () => {
    expect(networkedPhrase(networked({ registered: 0, networked: 0, ratio: 0 }))).toBe(
      '系统测得：尚无登记车辆，已联网 0 辆（近 30 天有数据的登记车辆），占目标 0.00%',
    );
  });

  it('no plan loaded: the count without a share; the window as configured', () => {
    expect(networkedPhrase(networked({ target: null, ratio: null, windowDays: 7 }))).toBe(
      '系统测得：已联网 2 辆（近 7 天有数据的登记车辆）',
    );
  });

  it('counted toward another target (a changed setting): nothing is said', () => {
    expect(networkedPhrase(networked({ target: { ...TARGET, targetId: 't2' } }))).toBeNull();
  });

  it('the phrase from the API body as the page receives it', () => {
    const m = measuredTarget('三.(三).6.1', 't1');
    expect(m?.phrase(JSON.parse(JSON.stringify(networked())))).toBe(networkedPhrase(networked()));
  });
});
