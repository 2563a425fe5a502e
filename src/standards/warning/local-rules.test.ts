// Local stricter starts layered over an edition, without code changes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { levelRank } from './levels.ts';
import { layerRules, localRuleIssues, type LocalRuleSet } from './local-rules.ts';
import { grade } from './test-forecasts.ts';
import { WARNING_EDITION_SPECS } from './warning-editions.ts';
import {
  DEFAULT_WARNING_CONFIG,
  resolveWarningRules,
  warningSettingsFor,
} from './warning-config.ts';

/** A local layer: yellow already when AQI > 150 for 24 h (an example, not a real rule). */
const EARLY_YELLOW: LocalRuleSet = {
  id: 'example-early-yellow',
  name: '示例：提前启动黄色预警',
  source: '本地配置（示例）',
  verified: false,
  addConditions: {
    yellow: [
      {
        id: 'local.yellow',
        allOf: [{ op: '>', aqi: 150, hours: 24 }],
        source: '本地：日AQI>150',
        verified: false,
      },
    ],
  },
};

/** A Shandong-style layer: O3-led episodes get coloured warnings too. */
const O3_WARNINGS: LocalRuleSet = {
  id: 'example-o3',
  name: '示例：臭氧污染分级预警',
  source: '本地配置（示例）',
  verified: false,
  industrialDrivers: ['O3'],
};

describe('local rule sets', () => {
  it('add a stricter start: AQI > 150 on one day starts yellow', () => {
    expect(grade('2024', [120, 160, 120]).level).toBe('none');
    const g = grade('2024', [120, 160, 120], { localRules: EARLY_YELLOW });
    expect(g).toMatchObject({ level: 'yellow', localRules: 'example-early-yellow' });
    expect(g.basis).toMatchObject({
      conditionId: 'local.yellow',
      layer: 'example-early-yellow',
      verified: false,
    });
    expect(g.reason).toContain('本地：日AQI>150（未核实，按配置）');
  });

  it('keep the edition rules: higher levels still come from the edition', () => {
    const g = grade('2024', [201, 201, 301], { localRules: EARLY_YELLOW });
    expect(g.basis).toMatchObject({ conditionId: '2024.red', layer: null });
  });

  it('may answer O3 with the industrial response (a province that warns on ozone)', () => {
    const o3 = [201, 201].map((aqi) => ({ aqi, primary: 'O3' as const }));
    expect(grade('2024', o3).response).toBe('advice');
    const g = grade('2024', o3, { localRules: O3_WARNINGS });
    expect(g).toMatchObject({ level: 'orange', response: 'industrial' });
    expect(g.measures).toEqual(['industrial-reduction', 'health-advice', 'voc-nox-supervision']);
  });

  it('are configured per region and inherited by its counties', () => {
    const config = {
      ...DEFAULT_WARNING_CONFIG,
      regions: { '130400': { name: '邯郸市', requiredLeadDays: 3, localRules: EARLY_YELLOW } },
    };
    const county = warningSettingsFor(config, '130481');
    expect(county).toMatchObject({ requiredLeadDays: 3, localRules: EARLY_YELLOW });
    expect(warningSettingsFor(config, '130100')).toMatchObject({
      requiredLeadDays: 1,
      localRules: null,
    });
    expect(resolveWarningRules(county, '2025-01-01').rules.levels.yellow.map((c) => c.id)).toEqual([
      '2024.yellow.a',
      '2024.yellow.b',
      'local.yellow',
    ]);
  });

  it('are checked: every problem is reported, a bad layer is never applied', () => {
    const bad = {
      id: '',
      name: 'x',
      source: 'y',
      verified: 'no',
      addConditions: {
        blue: [],
        orange: [
          { id: 'a', allOf: [{ op: '<', aqi: 900, hours: 1.5 }], source: 's', verified: true },
        ],
      },
      industrialDrivers: ['NOx'],
    };
    expect(localRuleIssues(bad).map((i) => i.path)).toEqual([
      'id',
      'verified',
      'addConditions.blue',
      'addConditions.orange[0].allOf[0].op',
      'addConditions.orange[0].allOf[0].aqi',
      'addConditions.orange[0].allOf[0].hours',
      'industrialDrivers[0]',
    ]);
    expect(() =>
      layerRules(WARNING_EDITION_SPECS['2024'].rules, bad as unknown as LocalRuleSet),
    ).toThrow(RangeError);
    const clash = {
      ...EARLY_YELLOW,
      addConditions: {
        yellow: [{ ...EARLY_YELLOW.addConditions!.yellow![0]!, id: '2024.yellow.a' }],
      },
    };
    expect(() => layerRules(WARNING_EDITION_SPECS['2024'].rules, clash)).toThrow(/taken/);
    expect(localRuleIssues(EARLY_YELLOW)).toEqual([]);
  });

  const clause = fc.record({
    op: fc.constantFrom('>' as const, '>=' as const),
    aqi: fc.integer({ min: 50, max: 500 }),
    hours: fc.constantFrom(0, 24, 48, 72, 96),
  });
  const layer: fc.Arbitrary<LocalRuleSet> = fc.record({
    id: fc.constant('random'),
    name: fc.constant('随机本地规则'),
    source: fc.constant('测试'),
    verified: fc.constant(false),
    addConditions: fc
      .record(
        {
          yellow: fc.array(fc.array(clause, { minLength: 1, maxLength: 2 }), { maxLength: 2 }),
          orange: fc.array(fc.array(clause, { minLength: 1, maxLength: 2 }), { maxLength: 2 }),
          red: fc.array(fc.array(clause, { minLength: 1, maxLength: 2 }), { maxLength: 2 }),
        },
        { requiredKeys: [] },
      )
      .map((byLevel) =>
        Object.fromEntries(
          Object.entries(byLevel).map(([level, conds]) => [
            level,
            conds.map((allOf, i) => ({
              id: `r.${level}.${i}`,
              allOf,
              source: '测试',
              verified: false,
            })),
          ]),
        ),
      ),
    industrialDrivers: fc.subarray(['O3', 'dust', 'PM10'] as const),
  });
  const day = fc.record({
    aqi: fc.integer({ min: 0, max: 500 }),
    primary: fc.constantFrom('PM2.5' as const, 'O3' as const, 'PM10' as const),
    cause: fc.constantFrom(undefined, 'dust' as const),
  });

  it('property: a local layer never lowers the recommended level', () => {
    fc.assert(
      fc.property(
        fc.array(day, { minLength: 1, maxLength: 10 }),
        layer,
        fc.constantFrom('2019' as const, '2024' as const),
        (days, localRules, edition) => {
          const specs = days.map((d) => (d.cause ? d : { aqi: d.aqi, primary: d.primary }));
          const base = grade(edition, specs);
          const layered = grade(edition, specs, { localRules });
          expect(levelRank(layered.level)).toBeGreaterThanOrEqual(levelRank(base.level));
        },
      ),
    );
  });
});
