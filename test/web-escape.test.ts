/**
 * Data never becomes markup on the dashboard: the one escaping helper (web/src/lib/escape-html.ts)
 * and a check of the sources that keeps HTML built from data out of every other place — a
 * template literal holding a tag must be tagged `html` (which escapes each value), and
 * `v-html`, `innerHTML` and Element Plus's `dangerouslyUseHTMLString` are not used at all. The
 * browser test test/browser/xss.test.ts shows the same with hostile names in Chromium.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { escapeHtml, html, htmlLines } from '../web/src/lib/escape-html.ts';

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* sources(p);
    else if (/\.(ts|vue)$/.test(name) && !name.endsWith('.d.ts')) yield p;
  }
}

/** The script of a source file (the <script> blocks of a .vue file). */
function scriptOf(path: string): string {
  const text = readFileSync(path, 'utf8');
  if (!path.endsWith('.vue')) return text;
  return [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
}

const HELPER = join('web', 'src', 'lib', 'escape-html.ts');
const TAG = /<\/?[a-z][a-z0-9]*[\s/>]/i;

/** Template literals whose literal text holds a tag but that are not tagged `html`. */
function untaggedMarkup(path: string, script: string): string[] {
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTemplateExpression(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      const parts = ts.isTemplateExpression(node)
        ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)]
        : [node.text];
      const tagged =
        ts.isTaggedTemplateExpression(node.parent) && node.parent.tag.getText() === 'html';
      if (!tagged && parts.some((p) => TAG.test(p)))
        out.push(`${path}: ${node.getText().slice(0, 70)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(path, script, ts.ScriptTarget.Latest, true));
  return out;
}

describe('escaping HTML on the dashboard', () => {
  it('escapes the five characters that make markup, and nothing else', () => {
    expect(escapeHtml('<img src=x onerror="a(\'b\')">&邯山区')).toBe(
      '&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;邯山区',
    );
    expect(escapeHtml(null)).toBe('null');
    expect(escapeHtml(12.5)).toBe('12.5');
  });

  it('keeps the literal markup of an html`` template and escapes every value in it', () => {
    const name = '<svg onload=alert(1)>站';
    expect(html`<b>${name}</b>（${'1001A'}）`).toBe(
      '<b>&lt;svg onload=alert(1)&gt;站</b>（1001A）',
    );
    expect(htmlLines([html`<b>${'a&b'}</b>`, '', false, html`AQI：${75}`])).toBe(
      '<b>a&amp;b</b><br/>AQI：75',
    );
  });

  it('builds no HTML from data anywhere else in web/src', () => {
    const offences: string[] = [];
    for (const path of sources(join('web', 'src'))) {
      if (path === HELPER) continue;
      const script = scriptOf(path);
      const text = readFileSync(path, 'utf8');
      offences.push(...untaggedMarkup(path, script));
      for (const word of ['v-html', 'innerHTML', 'outerHTML', 'dangerouslyUseHTMLString']) {
        if (text.includes(word)) offences.push(`${path}: ${word}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('ships no placeholder for an API that does not exist', () => {
    const found: string[] = [];
    for (const path of sources(join('web', 'src'))) {
      const text = readFileSync(path, 'utf8');
      for (const phrase of ['尚未开通', '等待接口', '上线后自动显示'])
        if (text.includes(phrase)) found.push(`${path}: ${phrase}`);
    }
    expect(found).toEqual([]);
  });
});
