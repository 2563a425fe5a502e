/**
 * The dependency rules of docs/architecture.md, checked on the code itself:
 * - no import cycle between the top-level parts of src/ (a folder such as `air/`, or a file such as
 *   `app.ts`) at run time: `import type` is erased and does not count, except that nothing imports
 *   the composition root `app.ts` but the entry points (`server.ts`, `cli/`), not even for a type —
 *   a registrar takes narrow deps of its own (as `overview/routes.ts` does with OverviewDeps);
 * - server code (src/) never imports the dashboard (web/); pure code both use lives in src/;
 * - the pure cores (standards/, protocols/, geo/) import nothing else from src/.
 */
import { describe, expect, it } from 'vitest';
import {
  partCycles,
  partGraph,
  readSourceFile,
  tsFilesUnder,
  type ImportEdge,
  type SourceFileInfo,
} from './support/source-graph.ts';

/**
 * Cycles that exist today and are being removed (issue 17), each as the edge that closes it: the
 * test ignores these edges, fails on any other cycle, and fails when a listed edge is gone (then
 * delete its line). Once the branches that remove them are merged, this list is empty.
 */
const KNOWN_CYCLES: ReadonlyArray<readonly [from: string, to: string, why: string]> = [];

/** Parts that are pure and stand alone (no I/O; shared with the dashboard). */
const PURE = new Set(['standards', 'protocols', 'geo']);

/** Parts allowed to import the composition root (they start the application). */
const ENTRY_POINTS = new Set(['server.ts', 'cli']);

const isTest = (path: string): boolean => path.endsWith('.test.ts');

/** The edges the cycle rule sees: run-time imports, and every import of app.ts. */
function ruledEdges(files: readonly SourceFileInfo[]): SourceFileInfo[] {
  return files.map((f) => ({
    ...f,
    imports: f.imports.map((e): ImportEdge =>
      e.to === 'src/app.ts' ? { ...e, runtime: true } : e,
    ),
  }));
}

function cyclesOf(files: readonly SourceFileInfo[], allowed = KNOWN_CYCLES) {
  const graph = partGraph(ruledEdges(files));
  for (const [from, to] of allowed) graph.get(from)?.delete(to);
  return { graph, cycles: partCycles(graph) };
}

describe('architecture', () => {
  const files = tsFilesUnder('src')
    .filter((p) => !isTest(p))
    .map((p) => readSourceFile(p));

  it('has no import cycle between top-level parts of src/ (beyond the known ones)', () => {
    const { graph, cycles } = cyclesOf(files);
    const explain = cycles.map((c) =>
      c
        .flatMap((a) =>
          [...(graph.get(a) ?? [])]
            .filter(([b]) => c.includes(b))
            .map(([b, why]) => `${a} → ${b}: ${why.slice(0, 3).join(', ')}`),
        )
        .join('\n'),
    );
    expect(explain).toEqual([]);
  });

  it('lists only known cycles that still exist', () => {
    const graph = partGraph(ruledEdges(files));
    const gone = KNOWN_CYCLES.filter(([from, to]) => !graph.get(from)?.has(to));
    expect(gone, 'these KNOWN_CYCLES are gone: delete their lines').toEqual([]);
  });

  it('keeps the composition root out of the domains', () => {
    const importers = files.flatMap((f) =>
      f.imports
        .filter((e) => e.to === 'src/app.ts')
        .map((e) => e.from)
        .filter((from) => {
          const part = from.split('/')[1]!;
          const known = KNOWN_CYCLES.some(([a, b]) => a === part && b === 'app.ts');
          return !ENTRY_POINTS.has(part) && !known;
        }),
    );
    expect(importers).toEqual([]);
  });

  it('keeps the pure cores pure: standards/, protocols/ and geo/ import no other part of src/', () => {
    const impure = files.flatMap((f) => {
      const part = f.path.split('/')[1]!;
      if (!PURE.has(part)) return [];
      return f.imports
        .filter((e) => e.to.startsWith('src/') && e.to.split('/')[1] !== part)
        .map((e) => `${e.from} → ${e.to}`);
    });
    expect(impure).toEqual([]);
  });

  it('never imports the dashboard (web/) from server code', () => {
    const all = tsFilesUnder('src').map((p) => readSourceFile(p));
    const intoWeb = all.flatMap((f) =>
      f.imports.filter((e) => e.to.startsWith('web/')).map((e) => `${e.from} → ${e.to}`),
    );
    expect(intoWeb).toEqual([]);
  });

  it('sees a new cycle, a type import and an import of web/ (the checks can fail)', () => {
    const a = readSourceFile(
      'src/air/x.ts',
      "import { t } from '../tasks/y.ts';\nimport type { A } from '../app.ts';\nimport { g } from '../../web/src/lib/g.ts';\nexport const x = 1;",
    );
    const b = readSourceFile(
      'src/tasks/y.ts',
      "import type { X } from '../air/x.ts';\nexport function t() { return import('../air/x.ts'); }",
    );
    expect(a.imports.map((e) => [e.to, e.runtime])).toEqual([
      ['src/tasks/y.ts', true],
      ['src/app.ts', false],
      ['web/src/lib/g.ts', true],
    ]);
    expect(a.exports).toEqual(['x']);
    // The type import alone is no cycle; the dynamic import closes one.
    expect(cyclesOf([a, b], []).cycles).toEqual([['air', 'tasks']]);
    expect(cyclesOf([a, { ...b, imports: b.imports.slice(0, 1) }], []).cycles).toEqual([]);
    // app.ts imported for a type by a domain that app.ts imports: a cycle through the root.
    const root = readSourceFile('src/app.ts', "import { registerAir } from './air/x.ts';");
    expect(cyclesOf([a, root], []).cycles).toEqual([['air', 'app.ts']]);
  });
});
