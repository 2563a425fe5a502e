/** A percentage for the CLI's text output: `52.1%`, or `—` when there is no value (not `—%`). */
export function percentText(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : `${v}%`;
}
