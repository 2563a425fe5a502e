/**
 * Settings of the forecast store: how many days a stored forecast runs (default 3–7, docs/warnings.md
 * "Forecasts") and the warning configuration the recommended level is graded with (edition per
 * region, local rules, lead time: src/standards/warning/warning-config.ts).
 */
import { DEFAULT_WARNING_CONFIG, type WarningConfig } from '../../standards/warning/index.ts';
import { DEFAULT_FORECAST_DAY_BOUNDS, type ForecastDayBounds } from './rules/forecast-input.ts';

/** What the forecast services are configured with. */
export interface ForecastsConfig {
  bounds: ForecastDayBounds;
  warning: WarningConfig;
  /** Versions listed at most. */
  listLimit: number;
}

/** Shipped defaults. */
export const DEFAULT_FORECASTS_CONFIG: ForecastsConfig = {
  bounds: DEFAULT_FORECAST_DAY_BOUNDS,
  warning: DEFAULT_WARNING_CONFIG,
  listLimit: 200,
};
