/**
 * The environmental registration code (环保登记编码) of a machine (docs/standards/non-road-machinery.md §1).
 * The national platform's format is UNVERIFIED: the ledger stores it as char(32) (standards.md
 * §7.2 Table 5), so an imported code is accepted as an opaque string of 1–32 letters, digits and
 * '-', upper-cased. A code Lantian issues itself is `<county adcode>F<yy><5-digit serial>`, e.g.
 * 130402F2600001 (14 characters), where 'F' stands for 非道路.
 */

const CODE_RE = /^[0-9A-Z-]{1,32}$/;

/** The normalised code (trimmed, upper-cased), or undefined when it is not a valid code. */
export function normaliseCode(text: string): string | undefined {
  const c = text.trim().toUpperCase();
  return CODE_RE.test(c) ? c : undefined;
}

/** The prefix of the codes Lantian issues in a county in a year (yy = last two digits). */
export function issuedCodePrefix(adcode: string, year: number): string {
  return `${adcode}F${String(year % 100).padStart(2, '0')}`;
}

/** The code Lantian issues: prefix plus a 5-digit serial (1–99 999). */
export function issuedCode(adcode: string, year: number, serial: number): string {
  if (!Number.isInteger(serial) || serial < 1 || serial > 99_999)
    throw new RangeError(`serial out of range: ${serial}`);
  return `${issuedCodePrefix(adcode, year)}${String(serial).padStart(5, '0')}`;
}

/** The serial of an issued code with that prefix, or undefined. */
export function serialOf(code: string, prefix: string): number | undefined {
  if (!code.startsWith(prefix)) return undefined;
  const tail = code.slice(prefix.length);
  return /^\d{5}$/.test(tail) ? Number(tail) : undefined;
}
