/**
 * HJ 212 codes and times as people read them (pure): a pollutant code (a05024, or the 2005
 * code of an old logger) by its Chinese name (臭氧), a DataTime (20261126064200) as
 * 2026-11-26 06:42, a data flag (N) by its meaning (正常). The names are the server's own (src/air/pollutant-names.ts,
 * src/devices/hj212-codes.ts, src/protocols/hj212/data-flags.ts), imported, never copied.
 */
import { CHINESE_NAMES, normalizePollutant } from '../../../src/air/pollutant-names.ts';
import { CODES_2005 } from '../../../src/devices/hj212-codes.ts';

// Data flags (N 正常, D 故障, …) by their Chinese meaning, from the server's own table.
export { dataFlagText } from '../../../src/protocols/hj212/data-flags.ts';

/** The Chinese name of an HJ 212 pollutant code, or the code itself when it names none. */
export function factorName(code: string): string {
  const stored = normalizePollutant(CODES_2005[code] ?? code);
  return (stored && CHINESE_NAMES[stored]) || code;
}

/**
 * A DataTime `YYYYMMDDhhmmss[zzz]` (the device's local time, HJ 212-2017 Table 4) as
 * 'YYYY-MM-DD hh:mm' (with ':ss' when the seconds are not zero); other text as it is.
 */
export function dataTimeText(s: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{3})?$/.exec(s);
  if (!m) return s;
  const [, y, mo, d, h, mi, se] = m;
  return `${y}-${mo}-${d} ${h}:${mi}${se === '00' ? '' : `:${se}`}`;
}
