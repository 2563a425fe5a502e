/**
 * Exports of src/ that nothing imports: the repository's code (src/, test/, bench/, scripts/ and
 * the dashboard's web/src, .vue scripts included) is read with the compiler's parser, every
 * import is followed through re-exports (`export … from`, `export * from`), and an export of a
 * src/ file that no other file takes is dead. Entry points (files run or loaded by path) are
 * exempt. Used by test/dead-exports.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSourceFile, REPO_ROOT, tsFilesUnder, type SourceFileInfo } from './source-graph.ts';

/** .vue files below `dir`, repository-relative. */
function vueFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const e of readdirSync(join(REPO_ROOT, rel), { withFileTypes: true })) {
      const p = `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== 'dist') walk(p);
      } else if (e.name.endsWith('.vue')) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** The <script> blocks of a .vue file, as one TypeScript text (imports resolve from its folder). */
function vueScript(path: string): string {
  const text = readFileSync(join(REPO_ROOT, path), 'utf8');
  return [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
}

/** Every file whose imports count. */
export function repositoryFiles(): SourceFileInfo[] {
  const ts = ['src', 'test', 'bench', 'scripts', 'web/src'].flatMap((d) => tsFilesUnder(d));
  return [
    ...ts.map((p) => readSourceFile(p)),
    ...vueFilesUnder('web/src').map((p) => readSourceFile(p, vueScript(p))),
  ];
}

interface ReExport {
  to: string;
  /** '*' for export *, else the names. */
  names: string[];
}

/** Names of src/ files that some other file imports (followed through re-exports). */
export function importedNames(files: readonly SourceFileInfo[]): Map<string, Set<string>> {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const reExports = new Map<string, ReExport[]>();
  for (const f of files) {
    // A re-export is an import whose names the file exports again: `export … from`.
    reExports.set(
      f.path,
      f.imports.filter((e) => e.reExport).map((e) => ({ to: e.to, names: e.names })),
    );
  }
  const used = new Map<string, Set<string>>();
  const seen = new Set<string>();
  const mark = (path: string, name: string): void => {
    const key = `${path}#${name}`;
    if (seen.has(key)) return;
    seen.add(key);
    const f = byPath.get(path);
    if (!f) return;
    if (name === '*') {
      for (const n of f.exports) mark(path, n);
      for (const r of reExports.get(path) ?? []) for (const n of r.names) mark(r.to, n);
      return;
    }
    if (f.exports.includes(name)) {
      let s = used.get(path);
      if (!s) used.set(path, (s = new Set()));
      s.add(name);
    }
    for (const r of reExports.get(path) ?? []) {
      if (r.names.includes('*') || r.names.includes(name)) mark(r.to, name);
    }
  };
  for (const f of files)
    for (const e of f.imports) if (!e.reExport) for (const n of e.names) mark(e.to, n);
  return used;
}

/** `path: name` of each export of a non-test src/ file that nothing imports. */
export function deadExports(
  files: readonly SourceFileInfo[],
  entryPoints: ReadonlySet<string>,
): string[] {
  const used = importedNames(files);
  return files
    .filter((f) => f.path.startsWith('src/') && !f.path.endsWith('.test.ts'))
    .filter((f) => !entryPoints.has(f.path))
    .flatMap((f) =>
      f.exports
        .filter((n) => !used.get(f.path)?.has(n))
        // Used in its own file beside its declaration: part of what the file offers (a parameter
        // or result type of another export, say), not dead code.
        .filter((n) => n !== 'default' && (f.identifierCounts.get(n) ?? 0) <= 1)
        .map((n) => `${f.path}: ${n}`),
    );
}
