/**
 * One CSV record per line (RFC 4180 quoting: fields in double quotes, "" for a quote inside).
 * Records spanning several lines are not supported; an unclosed quote is reported to the caller.
 */

/** Result of splitting one line: the fields, or the reason it could not be split. */
export type CsvLine = { ok: true; fields: string[] } | { ok: false; reason: 'unclosed_quote' };

/** Splits one CSV line into fields. */
export function parseCsvLine(line: string, separator = ','): CsvLine {
  if (line.indexOf('"') === -1) return { ok: true, fields: line.split(separator) };
  const fields: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q === -1) return { ok: false, reason: 'unclosed_quote' };
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      const sep = line.indexOf(separator, i);
      // Text between the closing quote and the separator is kept, as spreadsheets do.
      value += sep === -1 ? line.slice(i) : line.slice(i, sep);
      fields.push(value);
      if (sep === -1) break;
      i = sep + 1;
    } else {
      const sep = line.indexOf(separator, i);
      fields.push(sep === -1 ? line.slice(i) : line.slice(i, sep));
      if (sep === -1) break;
      i = sep + 1;
    }
    if (i > n) break;
  }
  return { ok: true, fields };
}
