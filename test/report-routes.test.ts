/**
 * The reports domain serves its own routes: plan computes, reports renders and serves the monthly
 * bulletin, so no file of src/plan/ imports src/reports/ (that was a cycle plan ↔ reports).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', 'src');

/** Every .ts file below a folder of src/. */
function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
}

/** The relative import specifiers of a file. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1]!);
}

describe('plan and reports', () => {
  it('plan imports nothing from reports', () => {
    const files = sources('plan');
    expect(files.length).toBeGreaterThan(10);
    const offending = files.flatMap((f) =>
      importsOf(f)
        .filter((s) => /(^|\/)reports\//.test(s))
        .map((s) => `${f} → ${s}`),
    );
    expect(offending).toEqual([]);
  });

  it('reports registers the monthly bulletin route itself', () => {
    expect(importsOf('app.ts')).toContain('./reports/routes.ts');
    expect(readFileSync(join(root, 'reports', 'routes.ts'), 'utf8')).toContain(
      "'/api/plans/:id/reports/monthly'",
    );
  });
});
