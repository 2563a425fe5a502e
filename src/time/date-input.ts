/**
 * The edge between the calendar core and the user: dates and date ranges that arrive in requests,
 * CLI options or files are checked with the pure core (src/standards/local-date.ts), and its plain
 * RangeErrors become catalogue codes (LT_ERR_BAD_DATE, LT_ERR_BAD_RANGE) with a Chinese message.
 */
import { LantianError } from '../errors.ts';
import {
  assertDateRange,
  DateRangeError,
  DEFAULT_MAX_RANGE_DAYS,
  isLocalDate,
} from '../standards/local-date.ts';

/** Validates a date string, throwing LT_ERR_BAD_DATE with the offending value. */
export function parseCalendarDate(value: string, what = '日期'): string {
  if (!isLocalDate(value)) throw new LantianError('LT_ERR_BAD_DATE', `${what} "${value}"`);
  return value;
}

/** Validates a date range (both ends inclusive) and returns it; LT_ERR_BAD_DATE or LT_ERR_BAD_RANGE. */
export function parseDateRange(
  from: string,
  to: string,
  maxDays = DEFAULT_MAX_RANGE_DAYS,
): { from: string; to: string } {
  try {
    assertDateRange(from, to, maxDays);
  } catch (e) {
    throw e instanceof DateRangeError ? rangeRefusal(e) : e;
  }
  return { from, to };
}

function rangeRefusal(e: DateRangeError): LantianError {
  switch (e.problem) {
    case 'bad-from':
      return new LantianError('LT_ERR_BAD_DATE', `起始日期 "${e.from}"`);
    case 'bad-to':
      return new LantianError('LT_ERR_BAD_DATE', `结束日期 "${e.to}"`);
    case 'inverted':
      return new LantianError('LT_ERR_BAD_RANGE', `${e.from} 晚于 ${e.to}`);
    case 'too-long':
      return new LantianError('LT_ERR_BAD_RANGE', `跨度 ${e.span} 天，超过上限 ${e.maxDays} 天`);
  }
}
