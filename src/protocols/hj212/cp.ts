// The CP data area (HJ 212-2017 §6.3.3, Table 4): `key=value` pairs; pairs of one pollutant are
// separated by ',' and different items by ';'. The parsed form is the flat list of pairs in wire
// order, which keeps every suffix, flag and unknown key exactly as received.

/** Result of parsing a CP area: the pairs, or the Chinese detail of the first error. */
export type CpParseResult =
  | { readonly ok: true; readonly cp: Array<[string, string]> }
  | { readonly ok: false; readonly detail: string };

const SEMI = 59;
const COMMA = 44;
const EQUALS = 61;

/**
 * Parses text[start, end) — the inside of `CP=&&…&&` — into key=value pairs in order. Empty
 * items (`;;`, a trailing `;`) are skipped; a value may be empty; the key ends at the first '='.
 */
export function parseCpArea(text: string, start = 0, end = text.length): CpParseResult {
  const cp: Array<[string, string]> = [];
  let i = start;
  while (i < end) {
    let eq = -1;
    let j = i;
    for (; j < end; j++) {
      const c = text.charCodeAt(j);
      if (c === SEMI || c === COMMA) break;
      if (c === EQUALS && eq < 0) eq = j;
    }
    if (j > i) {
      if (eq < 0) return { ok: false, detail: `CP 数据区的 "${text.slice(i, j)}" 缺少 "="` };
      if (eq === i) return { ok: false, detail: `CP 数据区的 "${text.slice(i, j)}" 缺少字段名` };
      cp.push([text.slice(i, eq), text.slice(eq + 1, j)]);
    }
    i = j + 1;
  }
  return { ok: true, cp };
}

/** The pollutant / parameter code of a CP key (`a21026-Rtd` → `a21026`), or undefined. */
export function cpCode(key: string): string | undefined {
  const dash = key.lastIndexOf('-');
  return dash > 0 ? key.slice(0, dash) : undefined;
}

/**
 * Formats pairs as the inside of `CP=&&…&&`: consecutive pairs of the same code are joined with
 * ',' and other pairs with ';' (Table 4 example `a01001-Rtd=7.1,a01001-Flag=N;a01018-Rtd=…`).
 * Throws TypeError when a key or value contains a character that would change the framing.
 */
export function formatCpArea(cp: ReadonlyArray<readonly [string, string]>): string {
  let out = '';
  let prevCode: string | undefined;
  for (let k = 0; k < cp.length; k++) {
    const [key, value] = cp[k]!;
    if (key.length === 0 || /[=;,\r\n]/.test(key)) {
      throw new TypeError(`CP key ${JSON.stringify(key)} is empty or contains = ; , CR or LF`);
    }
    if (/[;,\r\n]/.test(value)) {
      throw new TypeError(`CP value of ${key} contains ; , CR or LF: ${JSON.stringify(value)}`);
    }
    const code = cpCode(key);
    if (k > 0) out += code !== undefined && code === prevCode ? ',' : ';';
    out += key + '=' + value;
    prevCode = code;
  }
  return out;
}
