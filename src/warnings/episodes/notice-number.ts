/**
 * Notice numbers (文号) of warning notices: `<prefix>〔<year>〕<n>号`, numbered 1, 2, … per prefix
 * and year, the way a city's emergency office numbers its notices (e.g. 邯气应急〔2026〕12号).
 * The prefix is configuration (UNVERIFIED: Handan's real prefix was not found; the default is the
 * example in src/warnings/tables.ts).
 */

/** Prefixes by region code (a county uses its city's unless it has its own). */
export const DEFAULT_NOTICE_PREFIXES: Readonly<Record<string, string>> = {
  '130400': '邯气应急',
};

/** Prefix used when neither the region nor its city has one. */
export const FALLBACK_NOTICE_PREFIX = '重污染应急';

/** The prefix for a region: its own, else its city's (first four digits + 00), else the fallback. */
export function noticePrefixFor(
  adcode: string,
  prefixes: Readonly<Record<string, string>> = DEFAULT_NOTICE_PREFIXES,
): string {
  return prefixes[adcode] ?? prefixes[`${adcode.slice(0, 4)}00`] ?? FALLBACK_NOTICE_PREFIX;
}

/** The head of every number of a prefix in a year, `邯气应急〔2026〕` (to count the year's notices). */
export function noticeYearHead(prefix: string, year: number): string {
  return `${prefix}〔${year}〕`;
}

/** The notice number `seq` of a prefix in a year. */
export function noticeNumber(prefix: string, year: number, seq: number): string {
  return `${noticeYearHead(prefix, year)}${seq}号`;
}

/** The sequence number of a notice number of that head, or null when it is not one. */
export function noticeSeq(head: string, number: string): number | null {
  if (!number.startsWith(head) || !number.endsWith('号')) return null;
  const n = Number(number.slice(head.length, -1));
  return Number.isInteger(n) && n > 0 ? n : null;
}
