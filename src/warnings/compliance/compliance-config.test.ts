import { describe, expect, it } from 'vitest';
import { complianceConfigFromEnv, DEFAULT_COMPLIANCE_CONFIG } from './compliance-config.ts';

describe('complianceConfigFromEnv', () => {
  it('defaults when unset, values when set', () => {
    expect(complianceConfigFromEnv({})).toEqual(DEFAULT_COMPLIANCE_CONFIG);
    expect(
      complianceConfigFromEnv({
        LANTIAN_COMPLIANCE_TOLERANCE_PCT: '2.5',
        LANTIAN_COMPLIANCE_MIN_VALID_HOURS: '20',
        LANTIAN_COMPLIANCE_MIN_RUNNING_HOURS: '2',
        LANTIAN_COMPLIANCE_INTERVAL_S: '0',
      }),
    ).toMatchObject({
      tolerancePct: 2.5,
      minValidHours: 20,
      minRunningHours: 2,
      intervalSeconds: 0,
    });
  });
  it('refuses a bad value, naming the variable', () => {
    expect(() => complianceConfigFromEnv({ LANTIAN_COMPLIANCE_MIN_VALID_HOURS: '25' })).toThrow(
      /LANTIAN_COMPLIANCE_MIN_VALID_HOURS/,
    );
  });
});
