/**
 * Every audit action the warnings domain writes (src/warnings/, `action: '…'`, and the decisions'
 * `warning.<action>`) has a Chinese name in the dashboard's audit log
 * (web/src/lib/audit-actions.ts), and the log offers the domain's prefixes as filters.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_GROUPS, actionName } from '../web/src/lib/audit-actions.ts';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

describe('audit action names of the warnings domain', () => {
  const written = new Set<string>();
  for (const f of sources('src/warnings'))
    for (const m of readFileSync(f, 'utf8').matchAll(/action: '([a-z_]+\.[a-z_.]+)'/g))
      written.add(m[1]!);
  for (const a of ['issue', 'upgrade', 'downgrade', 'extend', 'lift']) written.add(`warning.${a}`);

  it('names every action in Chinese', () => {
    expect(written.size).toBeGreaterThanOrEqual(17);
    const unnamed = [...written].filter((a) => !(a in AUDIT_ACTIONS));
    expect(unnamed).toEqual([]);
    expect(actionName('warning.issue')).toBe('发布预警');
  });

  it('offers forecast. and warning. as filters', () => {
    const prefixes = AUDIT_GROUPS.map((g) => g.prefix);
    expect(prefixes).toEqual(expect.arrayContaining(['forecast.', 'warning.']));
  });
});
