/**
 * The error catalogue (src/errors.ts) in the manner of Fastify's errors test: every code is raised
 * somewhere in src/, every code is documented in docs/errors.md with the catalogue's HTTP status,
 * exit code and Chinese message and an English meaning, and every LT_ERR_* named in src/, web/src/
 * or docs/ exists. Import-issue codes come from one list (src/imports/import-issue.ts) with their
 * Chinese names, documented the same way.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERRORS } from '../src/errors.ts';
import { IMPORT_ISSUE_NAMES } from '../src/imports/import-issue.ts';

function files(dir: string, exts: readonly string[]): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : files(p, exts);
    return exts.some((x) => e.name.endsWith(x)) && !e.name.includes('.test.') ? [p] : [];
  });
}

const doc = readFileSync('docs/errors.md', 'utf8');
const [catalogueDoc = '', importDoc = '', dashboardDoc = ''] = doc
  .split(/^## (?:Catalogue|Import issues|Codes of the dashboard itself)$/m)
  .slice(1);

/** The rows of the markdown tables in a section: code → its other cells. */
function tableRows(section: string): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of section.split('\n')) {
    const m = /^\|\s*`(LT_[A-Z0-9_]+)`\s*\|(.*)\|\s*$/.exec(line);
    if (m)
      rows.set(
        m[1]!,
        m[2]!.split('|').map((c) => c.trim()),
      );
  }
  return rows;
}

const sources = files('src', ['.ts']).map((p) => ({ p, text: readFileSync(p, 'utf8') }));
const CODES = Object.keys(ERRORS) as (keyof typeof ERRORS)[];

describe('the error catalogue', () => {
  it('has every code raised somewhere in src/', () => {
    const unused = CODES.filter(
      (code) =>
        !sources.some(
          ({ p, text }) =>
            p !== join('src', 'errors.ts') && new RegExp(`['"\`]${code}['"\`]`).test(text),
        ),
    );
    expect(unused, 'use these codes or remove them from src/errors.ts').toEqual([]);
  });

  it('documents every code in docs/errors.md with its status, exit code and messages', () => {
    const rows = tableRows(catalogueDoc);
    const problems: string[] = [];
    for (const code of CODES) {
      const row = rows.get(code);
      const e = ERRORS[code];
      if (!row) {
        problems.push(`${code}: no row in docs/errors.md`);
        continue;
      }
      const [status, exit, meaning, message] = row;
      if (status !== String(e.status)) problems.push(`${code}: HTTP ${status} ≠ ${e.status}`);
      if (exit !== String(e.exit)) problems.push(`${code}: exit ${exit} ≠ ${e.exit}`);
      if (!/[A-Za-z]{3,}/.test(meaning ?? '')) problems.push(`${code}: no English meaning`);
      if (message !== e.message) problems.push(`${code}: message "${message}" ≠ "${e.message}"`);
    }
    for (const code of rows.keys()) {
      if (!(code in ERRORS)) problems.push(`${code}: documented but not in src/errors.ts`);
    }
    expect(problems).toEqual([]);
  });

  it('knows every LT_ERR_* that code and documents name', () => {
    const known = new Set<string>([
      ...CODES,
      ...Object.keys(IMPORT_ISSUE_NAMES),
      ...tableRows(dashboardDoc).keys(),
    ]);
    const texts = [
      ...sources,
      ...files('web/src', ['.ts', '.vue']).map((p) => ({ p, text: readFileSync(p, 'utf8') })),
      ...files('docs', ['.md']).map((p) => ({ p, text: readFileSync(p, 'utf8') })),
      { p: 'README.md', text: readFileSync('README.md', 'utf8') },
    ];
    const strangers = texts.flatMap(({ p, text }) =>
      [...text.matchAll(/\bLT_ERR_[A-Z0-9_]*[A-Z0-9]\b/g)]
        .map((m) => m[0])
        .filter((code) => !known.has(code))
        .map((code) => `${p}: ${code}`),
    );
    expect(strangers).toEqual([]);
  });
});

describe('import-issue codes', () => {
  it('are documented with their Chinese names, exactly as the one list has them', () => {
    const rows = tableRows(importDoc);
    const documented = Object.fromEntries([...rows].map(([code, cells]) => [code, cells[1]]));
    expect(documented).toEqual(IMPORT_ISSUE_NAMES);
    for (const cells of rows.values()) expect(cells[0]).toMatch(/[A-Za-z]{3,}/);
  });

  it('are each raised by an import', () => {
    const imports = sources.filter(({ p }) => p.startsWith(join('src', 'imports')));
    const unused = Object.keys(IMPORT_ISSUE_NAMES).filter(
      (code) =>
        !imports.some(
          ({ p, text }) => !p.endsWith('import-issue.ts') && text.includes(`'${code}'`),
        ),
    );
    expect(unused).toEqual([]);
  });
});
