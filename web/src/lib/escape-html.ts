/**
 * Text that goes into an HTML string (ECharts tooltip formatters, anything rendered with
 * `innerHTML`) is escaped here, and only here: a station or region name is data that anyone with
 * an import or a registration can set, and the 空气质量 map is public. Vue templates escape by
 * themselves; `v-html` is not used.
 */

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** The value as text that HTML shows literally (`String(value)` with & < > " ' escaped). */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/**
 * A template tag that escapes every interpolated value and keeps the literal markup:
 * html`<b>${name}</b>（${code}）` — the only way the dashboard builds HTML from data.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): string {
  let out = strings[0] ?? '';
  values.forEach((v, i) => (out += escapeHtml(v) + (strings[i + 1] ?? '')));
  return out;
}

/** Lines built with `html` joined into one tooltip (empty lines left out). */
export function htmlLines(lines: ReadonlyArray<string | false | null | undefined>): string {
  return lines.filter(Boolean).join('<br/>');
}
