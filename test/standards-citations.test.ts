/**
 * Sources are cited inside the repository: every `docs/standards/<page>.md §<n>` in src/, docs/
 * and test/ names a page that exists and a section it has, and no comment or document there
 * points outside the repository (`../shared/`, absolute paths of a work machine).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/source-graph.ts';

const TEXT = /\.(ts|vue|md|mjs)$/;

function textFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const e of readdirSync(join(REPO_ROOT, rel), { withFileTypes: true })) {
      const p = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else if (TEXT.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

const CITATION = /docs\/standards\/([a-z0-9-]+\.md)((?:(?:,? (?:and )?|–)§\d+(?:\.\d+)?)*)/g;

/** Section numbers a page has: its headings `## 1.2 …` or `## 4. …`. */
function sectionsOf(page: string): Set<string> {
  const text = readFileSync(join(REPO_ROOT, 'docs/standards', page), 'utf8');
  return new Set([...text.matchAll(/^##+ (\d+(?:\.\d+)?)\.?[ \n]/gm)].map((m) => m[1]!));
}

/** Every citation in `text`, as [page, section or null]. */
function citations(text: string): Array<[string, string | null]> {
  return [...text.matchAll(CITATION)].flatMap((m): Array<[string, string | null]> => {
    const sections = [...m[2]!.matchAll(/§(\d+(?:\.\d+)?)/g)].map((s) => s[1]!);
    return sections.length === 0 ? [[m[1]!, null]] : sections.map((s) => [m[1]!, s]);
  });
}

describe('citations of sources', () => {
  const files = [...textFiles('src'), ...textFiles('docs'), 'README.md'];
  const pages = new Set(readdirSync(join(REPO_ROOT, 'docs/standards')));

  it('name pages and sections of docs/standards that exist', () => {
    const broken: string[] = [];
    let count = 0;
    for (const f of files) {
      for (const [page, section] of citations(readFileSync(join(REPO_ROOT, f), 'utf8'))) {
        count++;
        if (!pages.has(page)) broken.push(`${f}: no page ${page}`);
        else if (section !== null && !sectionsOf(page).has(section))
          broken.push(`${f}: ${page} has no §${section}`);
      }
    }
    expect(broken).toEqual([]);
    expect(count).toBeGreaterThan(50);
  });

  it('never point outside the repository', () => {
    const outside = files.filter((f) =>
      /\.\.\/shared\/|\/work\/shared|shared\/datasets|shared\/standards/.test(
        readFileSync(join(REPO_ROOT, f), 'utf8'),
      ),
    );
    expect(outside).toEqual([]);
  });

  it('reads citations as they are written (the check can fail)', () => {
    expect(citations('see docs/standards/aqi.md §2.1–§2.2 and docs/standards/hj212.md')).toEqual([
      ['aqi.md', '2.1'],
      ['aqi.md', '2.2'],
      ['hj212.md', null],
    ]);
    expect(citations('(docs/standards/hj212.md §1.2, §10.1)')).toEqual([
      ['hj212.md', '1.2'],
      ['hj212.md', '10.1'],
    ]);
    expect(sectionsOf('ranking.md').has('4')).toBe(true);
    expect(sectionsOf('ranking.md').has('4.9')).toBe(false);
  });
});
