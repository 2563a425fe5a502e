import { describe, expect, it } from 'vitest';
import { airRulesFromEnv, DEFAULT_AIR_RULES } from './air-rules.ts';

describe('airRulesFromEnv', () => {
  it('keeps the standards-based defaults when nothing is set', () => {
    expect(airRulesFromEnv({})).toEqual(DEFAULT_AIR_RULES);
    expect(DEFAULT_AIR_RULES).toEqual({
      minStationShare: 0.5,
      missingData: { 'HJ633-2012': 'withhold', 'HJ633-2026': 'publish-above-100' },
      countIncompleteDays: { 'HJ663-2013': false, 'HJ663-2026': true },
    });
  });

  it('reads every LANTIAN_AIR_* setting', () => {
    const r = airRulesFromEnv({
      LANTIAN_AIR_MIN_STATION_SHARE: '0.75',
      LANTIAN_AIR_INCOMPLETE_AQI_HJ633_2012: 'publish-above-100',
      LANTIAN_AIR_INCOMPLETE_AQI_HJ633_2026: 'withhold',
      LANTIAN_AIR_COUNT_INCOMPLETE_HJ663_2013: 'true',
      LANTIAN_AIR_COUNT_INCOMPLETE_HJ663_2026: 'false',
    });
    expect(r).toEqual({
      minStationShare: 0.75,
      missingData: { 'HJ633-2012': 'publish-above-100', 'HJ633-2026': 'withhold' },
      countIncompleteDays: { 'HJ663-2013': true, 'HJ663-2026': false },
    });
  });

  it.each([
    ['LANTIAN_AIR_MIN_STATION_SHARE', '1.5'],
    ['LANTIAN_AIR_MIN_STATION_SHARE', 'half'],
    ['LANTIAN_AIR_INCOMPLETE_AQI_HJ633_2012', 'sometimes'],
    ['LANTIAN_AIR_COUNT_INCOMPLETE_HJ663_2026', 'yes'],
  ])('refuses %s=%s with LT_ERR_BAD_CONFIG', (name, value) => {
    expect(() => airRulesFromEnv({ [name]: value })).toThrow(
      expect.objectContaining({ code: 'LT_ERR_BAD_CONFIG' }),
    );
  });
});
