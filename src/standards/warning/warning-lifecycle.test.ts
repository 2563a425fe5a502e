// Issue / upgrade / downgrade / extend / lift with the 2024 discipline: no warning without a
// forecast that meets it, unless overridden with a reason.
import { describe, expect, it } from 'vitest';
import { grade } from './test-forecasts.ts';
import { allowedActions, decideWarning, type WarningState } from './warning-lifecycle.ts';

const NONE: WarningState = { status: 'none' };
// 12-01 … 12-07: orange on 12-03/12-04 (2024), clean from 12-05.
const orangeForecast = grade('2024', [100, 120, 215, 230, 110, 90, 80]);
const ORANGE: WarningState = {
  status: 'active',
  level: 'orange',
  from: '2020-12-03',
  to: '2020-12-04',
  levelSince: '2020-12-03',
};

describe('issuing', () => {
  it('is supported by a forecast that meets the level', () => {
    const d = decideWarning(
      NONE,
      { action: 'issue', level: 'orange', from: '2020-12-03', to: '2020-12-04' },
      orangeForecast,
    );
    expect(d).toMatchObject({
      allowed: true,
      code: 'supported',
      edition: '2024',
      next: ORANGE,
      overrideReason: null,
    });
    if (d.allowed)
      expect(d.reason).toBe('预报12月3日至12月4日达到橙色预警条件（环大气〔2024〕6号）');
    const lower = decideWarning(
      NONE,
      { action: 'issue', level: 'yellow', from: '2020-12-03' },
      orangeForecast,
    );
    expect(lower).toMatchObject({
      allowed: true,
      code: 'supported',
      next: { level: 'yellow', to: null },
    });
  });

  it('is refused above the forecast level, or outside the episode, without a reason', () => {
    const red = decideWarning(
      NONE,
      { action: 'issue', level: 'red', from: '2020-12-03', to: '2020-12-04' },
      orangeForecast,
    );
    expect(red).toMatchObject({
      allowed: false,
      code: 'LT_ERR_WARNING_UNSUPPORTED',
      allowedActions: ['issue'],
    });
    expect(red.reason).toContain('未达到红色预警条件');
    const early = decideWarning(
      NONE,
      { action: 'issue', level: 'orange', from: '2020-12-01', to: '2020-12-02' },
      orangeForecast,
    );
    expect(early.code).toBe('LT_ERR_WARNING_UNSUPPORTED');
    const longer = decideWarning(
      NONE,
      { action: 'issue', level: 'orange', from: '2020-12-03', to: '2020-12-06' },
      orangeForecast,
    );
    expect(longer.code).toBe('LT_ERR_WARNING_UNSUPPORTED');
    const noForecast = decideWarning(
      NONE,
      { action: 'issue', level: 'yellow', from: '2020-12-03' },
      null,
    );
    expect(noForecast).toMatchObject({
      allowed: false,
      code: 'LT_ERR_WARNING_UNSUPPORTED',
      edition: null,
    });
    expect(noForecast.reason).toContain('没有可依据的预报');
  });

  it('is refused for an O3-led forecast (advice only under 6号)', () => {
    const o3 = grade(
      '2024',
      [201, 201, 201].map((aqi) => ({ aqi, primary: 'O3' as const })),
    );
    const d = decideWarning(NONE, { action: 'issue', level: 'yellow', from: '2020-12-01' }, o3);
    expect(d.code).toBe('LT_ERR_WARNING_UNSUPPORTED');
  });

  it('may be overridden with a reason, never with a blank one', () => {
    const req = {
      action: 'issue' as const,
      level: 'red' as const,
      from: '2020-12-03',
      to: '2020-12-04',
    };
    const ok = decideWarning(
      NONE,
      { ...req, override: { reason: ' 省级区域红色预警，统一启动 ' } },
      orangeForecast,
    );
    expect(ok).toMatchObject({
      allowed: true,
      code: 'overridden',
      overrideReason: '省级区域红色预警，统一启动',
      next: { status: 'active', level: 'red' },
    });
    const blank = decideWarning(NONE, { ...req, override: { reason: '  ' } }, orangeForecast);
    expect(blank).toMatchObject({ allowed: false, code: 'LT_ERR_WARNING_OVERRIDE_REASON' });
  });

  it('is refused while a warning is active, whatever the override', () => {
    const d = decideWarning(
      ORANGE,
      { action: 'issue', level: 'red', from: '2020-12-03', override: { reason: 'x' } },
      orangeForecast,
    );
    expect(d).toMatchObject({ allowed: false, code: 'LT_ERR_WARNING_TRANSITION' });
    expect(d.reason).toContain('已有生效的橙色预警');
  });

  it('checks its fields', () => {
    expect(
      decideWarning(NONE, { action: 'issue', from: '2020-12-03' }, orangeForecast).reason,
    ).toBe('缺少预警级别');
    expect(
      decideWarning(NONE, { action: 'issue', level: 'yellow', from: '2020-12-32' }, orangeForecast)
        .code,
    ).toBe('LT_ERR_WARNING_TRANSITION');
    expect(
      decideWarning(
        NONE,
        { action: 'issue', level: 'yellow', from: '2020-12-04', to: '2020-12-03' },
        orangeForecast,
      ).reason,
    ).toBe('结束日期早于起始日期');
  });
});

describe('changing an active warning', () => {
  it('lists what may be done next', () => {
    expect(allowedActions(NONE)).toEqual(['issue']);
    expect(allowedActions(ORANGE)).toEqual(['upgrade', 'downgrade', 'extend', 'lift']);
    expect(allowedActions({ ...ORANGE, level: 'red' })).toEqual(['downgrade', 'extend', 'lift']);
    expect(allowedActions({ ...ORANGE, level: 'yellow' })).toEqual(['upgrade', 'extend', 'lift']);
  });

  it('upgrades only with a forecast meeting the higher level', () => {
    const red = grade('2024', [100, 120, 215, 330, 240, 90, 80]);
    const up = decideWarning(
      ORANGE,
      { action: 'upgrade', level: 'red', from: '2020-12-04', to: '2020-12-05' },
      red,
    );
    expect(up).toMatchObject({
      allowed: true,
      code: 'supported',
      next: { level: 'red', from: '2020-12-03', to: '2020-12-05', levelSince: '2020-12-04' },
    });
    const refused = decideWarning(
      ORANGE,
      { action: 'upgrade', level: 'red', from: '2020-12-04' },
      orangeForecast,
    );
    expect(refused.code).toBe('LT_ERR_WARNING_UNSUPPORTED');
    const sideways = decideWarning(
      ORANGE,
      { action: 'upgrade', level: 'yellow', from: '2020-12-04' },
      red,
    );
    expect(sideways).toMatchObject({
      code: 'LT_ERR_WARNING_TRANSITION',
      reason: '升级须高于当前级别',
    });
  });

  it('downgrades when the forecast no longer meets the current level', () => {
    const easing = grade('2024', [100, 120, 215, 190, 110, 90, 80]);
    const d = decideWarning(
      ORANGE,
      { action: 'downgrade', level: 'yellow', from: '2020-12-04' },
      easing,
    );
    expect(d).toMatchObject({
      allowed: true,
      code: 'supported',
      next: { level: 'yellow', levelSince: '2020-12-04' },
    });
    const still = decideWarning(
      ORANGE,
      { action: 'downgrade', level: 'yellow', from: '2020-12-04' },
      orangeForecast,
    );
    expect(still).toMatchObject({ allowed: false, code: 'LT_ERR_WARNING_UNSUPPORTED' });
    expect(still.reason).toContain('高于黄色预警');
  });

  it('extends only as far as the forecast episode lasts', () => {
    const longer = grade('2024', [100, 120, 215, 230, 240, 90, 80]);
    const ok = decideWarning(ORANGE, { action: 'extend', to: '2020-12-05' }, longer);
    expect(ok).toMatchObject({
      allowed: true,
      next: { level: 'orange', from: '2020-12-03', to: '2020-12-05' },
    });
    const beyond = decideWarning(ORANGE, { action: 'extend', to: '2020-12-06' }, longer);
    expect(beyond.code).toBe('LT_ERR_WARNING_UNSUPPORTED');
    const backwards = decideWarning(ORANGE, { action: 'extend', to: '2020-12-04' }, longer);
    expect(backwards.code).toBe('LT_ERR_WARNING_TRANSITION');
  });

  it('lifts when the forecast stays below yellow for the lift time (36 h → 2 days)', () => {
    const d = decideWarning(ORANGE, { action: 'lift', from: '2020-12-05' }, orangeForecast);
    expect(d).toMatchObject({ allowed: true, code: 'supported', next: { status: 'none' } });
    if (d.allowed) expect(d.reason).toBe('预报12月5日至12月6日低于黄色预警条件（连续36小时）');
    const early = decideWarning(ORANGE, { action: 'lift', from: '2020-12-04' }, orangeForecast);
    expect(early).toMatchObject({ allowed: false, code: 'LT_ERR_WARNING_UNSUPPORTED' });
    // A relapse one clean day later belongs to the same episode (merge rule): no lift.
    const relapse = grade('2024', [100, 120, 215, 230, 110, 205, 80]);
    expect(relapse.episodes).toHaveLength(1);
    expect(decideWarning(ORANGE, { action: 'lift', from: '2020-12-05' }, relapse).code).toBe(
      'LT_ERR_WARNING_UNSUPPORTED',
    );
    // A relapse two days later is a new episode: lifting is fine for 36 h, not for 72 h.
    const later = grade('2024', [100, 120, 215, 230, 110, 90, 205]);
    expect(decideWarning(ORANGE, { action: 'lift', from: '2020-12-05' }, later).allowed).toBe(true);
    expect(
      decideWarning(ORANGE, { action: 'lift', from: '2020-12-05' }, later, { liftHours: 72 }).code,
    ).toBe('LT_ERR_WARNING_UNSUPPORTED');
    // The forecast must reach far enough to tell.
    expect(
      decideWarning(ORANGE, { action: 'lift', from: '2020-12-07' }, orangeForecast).reason,
    ).toContain('预报只到12月7日');
    expect(
      decideWarning(ORANGE, { action: 'lift', from: '2020-11-30' }, orangeForecast).reason,
    ).toContain('预报从12月1日开始');
    expect(decideWarning(NONE, { action: 'lift', from: '2020-12-05' }, orangeForecast).code).toBe(
      'LT_ERR_WARNING_TRANSITION',
    );
  });

  it('records the edition of the grading it rests on', () => {
    const y2019 = grade('2019', [100, 120, 215, 230, 210, 90, 80]);
    const d = decideWarning(
      NONE,
      { action: 'issue', level: 'orange', from: '2020-12-03', to: '2020-12-05' },
      y2019,
    );
    expect(d).toMatchObject({ allowed: true, edition: '2019' });
  });
});
