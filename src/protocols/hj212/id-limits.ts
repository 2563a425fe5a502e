// Accepted lengths of the identifying header fields MN and PW, and the standard's own lengths.
//
// HJ 212-2017 §6.3.2 Table 3: MN is 24 characters (EPC-96 in hex) and PW 6 characters; HJ/T
// 212-2005 Table 3 gives MN 14 characters. Real loggers send other lengths (captured in the
// field: `PW=` with 24 hex digits on an air station, MNs `LB4200001` and `SD000001`), so the
// accepted range is configuration (LANTIAN_HJ212_MN_MIN / _MN_MAX / _PW_MAX) with permissive
// defaults, and a registration that does not meet the standard gets a warning, not a refusal.

/** Allowed MN length range. */
export interface MnLength {
  readonly min: number;
  readonly max: number;
}

/** Accepted MN and PW lengths (characters). */
export interface IdLimits {
  readonly mn: MnLength;
  /** Longest PW accepted (printable ASCII). */
  readonly pwMax: number;
}

/** Default MN length range: permissive 1–64 (the standard says 24; real devices send 8–24). */
export const DEFAULT_MN_LENGTH: MnLength = Object.freeze({ min: 1, max: 64 });

/** Default longest PW: 64 (the standard says 6; a live air station sends 24). */
export const DEFAULT_PW_MAX = 64;

/** Largest configurable MN or PW length. */
export const ID_LENGTH_CEILING = 128;

/** The default limits. */
export const DEFAULT_ID_LIMITS: IdLimits = Object.freeze({
  mn: DEFAULT_MN_LENGTH,
  pwMax: DEFAULT_PW_MAX,
});

/** HJ 212-2017 Table 3: MN length; HJ/T 212-2005 Table 3: 14. */
export const STANDARD_MN_LENGTHS: readonly number[] = [14, 24];
/** HJ 212-2017 Table 3: PW length. */
export const STANDARD_PW_LENGTH = 6;

/**
 * Chinese warnings for an MN and PW that are accepted but do not meet the standard's lengths
 * (HJ 212-2017 Table 3; HJ/T 212-2005 Table 3 for the 14-character MN). Empty when they do.
 */
export function idStandardWarnings(mn: string, pw: string): string[] {
  const out: string[] = [];
  if (!STANDARD_MN_LENGTHS.includes(mn.length)) {
    out.push(
      `MN "${mn}" 为 ${mn.length} 位，不符合 HJ 212-2017 表 3 的 24 位（HJ/T 212-2005 为 14 位）；已按配置接受`,
    );
  }
  if (pw.length !== STANDARD_PW_LENGTH) {
    out.push(`访问密码为 ${pw.length} 位，不符合 HJ 212-2017 表 3 的 6 位；已按配置接受`);
  }
  return out;
}

/** True when `s` is a PW within `max` printable ASCII characters (Table 3 allows any 6). */
export function isPasswordText(s: string, max: number): boolean {
  if (s.length > max) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

/** True when `s` is an MN in `range` of letters, digits, '-' or '_' (Table 3: 24 hex; devices vary). */
export function isMnText(s: string, range: MnLength): boolean {
  if (s.length < range.min || s.length > range.max) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ok =
      (c >= 0x30 && c <= 0x39) ||
      (c >= 0x41 && c <= 0x5a) ||
      (c >= 0x61 && c <= 0x7a) ||
      c === 0x2d ||
      c === 0x5f;
    if (!ok) return false;
  }
  return true;
}
