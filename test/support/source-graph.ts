/**
 * The import graph of src/, read with the TypeScript compiler's parser (no type checking): which
 * file imports which, whether an import survives at run time (`import type` and `export type` are
 * erased; everything else, dynamic `import()` included, is a run-time edge), and what each file
 * exports. Shared by the architecture test and the dead-export check.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** One import of a file. */
export interface ImportEdge {
  /** Repository-relative path of the importing file (forward slashes). */
  from: string;
  /** Repository-relative path of the imported file, or the bare package name. */
  to: string;
  /** False for `import type` / `export type` (erased before run time). */
  runtime: boolean;
  /** Names it takes: '*' for a namespace or `export *`, 'default', or the exported name. */
  names: string[];
  /** True for `export … from` (the names are exported again). */
  reExport: boolean;
}

/** A parsed source file. */
export interface SourceFileInfo {
  path: string;
  imports: ImportEdge[];
  /** Names this file exports itself (not counting `export … from`). */
  exports: string[];
  /** How often each identifier occurs in the file (declarations included). */
  identifierCounts: Map<string, number>;
}

/** The repository root (the folder holding package.json). */
export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

const toRepoPath = (abs: string): string => relative(REPO_ROOT, abs).split(sep).join('/');

/** Every .ts file below `dir` (repository-relative), tests included. */
export function tsFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string): void => {
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const p = join(abs, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(p);
      } else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(toRepoPath(p));
    }
  };
  walk(join(REPO_ROOT, dir));
  return out.sort();
}

function target(fromPath: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  return toRepoPath(resolve(REPO_ROOT, dirname(fromPath), specifier));
}

function hasExportModifier(node: ts.Node): boolean {
  return (
    ts.canHaveModifiers(node) &&
    (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
  );
}

function declaredNames(node: ts.Statement): string[] {
  if (ts.isVariableStatement(node)) {
    return node.declarationList.declarations.flatMap((d) =>
      ts.isIdentifier(d.name) ? [d.name.text] : [],
    );
  }
  const named = node as ts.Statement & { name?: ts.Node };
  const isDefault = (ts.getModifiers(node as ts.HasModifiers) ?? []).some(
    (m) => m.kind === ts.SyntaxKind.DefaultKeyword,
  );
  if (isDefault) return ['default'];
  return named.name && ts.isIdentifier(named.name) ? [named.name.text] : [];
}

/** Parses one file's imports and exports. */
export function readSourceFile(
  path: string,
  text = readFileSync(join(REPO_ROOT, path), 'utf8'),
): SourceFileInfo {
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const imports: ImportEdge[] = [];
  const exports: string[] = [];
  const add = (
    specifier: ts.Expression | undefined,
    runtime: boolean,
    names: string[],
    reExport = false,
  ): void => {
    if (specifier && ts.isStringLiteral(specifier)) {
      imports.push({ from: path, to: target(path, specifier.text), runtime, names, reExport });
    }
  };
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st)) {
      const clause = st.importClause;
      const names: string[] = [];
      if (clause?.name) names.push('default');
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.push('*');
      if (bindings && ts.isNamedImports(bindings)) {
        for (const e of bindings.elements) names.push((e.propertyName ?? e.name).text);
      }
      add(st.moduleSpecifier, !clause?.isTypeOnly, names);
    } else if (ts.isExportDeclaration(st)) {
      if (st.moduleSpecifier) {
        const names =
          st.exportClause && ts.isNamedExports(st.exportClause)
            ? st.exportClause.elements.map((e) => (e.propertyName ?? e.name).text)
            : ['*'];
        add(st.moduleSpecifier, !st.isTypeOnly, names, true);
      } else if (st.exportClause && ts.isNamedExports(st.exportClause)) {
        exports.push(...st.exportClause.elements.map((e) => e.name.text));
      }
    } else if (ts.isExportAssignment(st)) {
      exports.push('default');
    } else if (hasExportModifier(st)) {
      exports.push(...declaredNames(st));
    }
  }
  // Dynamic import('…') anywhere in the file: a run-time edge taking everything.
  const identifierCounts = new Map<string, number>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node))
      identifierCounts.set(node.text, (identifierCounts.get(node.text) ?? 0) + 1);
    if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0]
    ) {
      add(node.arguments[0], true, ['*']);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { path, imports, exports, identifierCounts };
}

/** The top-level part of src/ a file belongs to: its folder ('air'), or the file ('app.ts'). */
export function topLevelPart(path: string): string | null {
  const m = /^src\/([^/]+)/.exec(path);
  return m ? m[1]! : null;
}

/** Run-time edges between top-level parts of src/, each with the file imports behind it. */
export function partGraph(files: readonly SourceFileInfo[]): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  for (const f of files) {
    const a = topLevelPart(f.path);
    if (!a) continue;
    for (const e of f.imports) {
      const b = topLevelPart(e.to);
      if (!e.runtime || !b || a === b) continue;
      let out = graph.get(a);
      if (!out) graph.set(a, (out = new Map()));
      const why = out.get(b) ?? [];
      why.push(`${e.from} → ${e.to}`);
      out.set(b, why);
    }
  }
  return graph;
}

/**
 * Cycles between parts, as their strongly connected components (Tarjan), each sorted, and the
 * components sorted: a component of two or more parts is a cycle.
 */
export function partCycles(graph: ReadonlyMap<string, ReadonlyMap<string, string[]>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let next = 0;
  const strong = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) out.push(comp.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) strong(v);
  return out.sort((a, b) => a.join().localeCompare(b.join()));
}
