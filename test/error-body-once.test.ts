/**
 * The error answer `{ code, message, detail? }` is declared once (src/http/error-body.ts) and every
 * route module uses that schema: no domain declares its own copy or borrows another domain's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const HOME = join('src', 'http', 'error-body.ts');

describe('ErrorBody', () => {
  const files = sourceFiles('src').map((p) => ({ p, text: readFileSync(p, 'utf8') }));

  it('is declared only in src/http/error-body.ts', () => {
    const declaring = files
      .filter(({ text }) => /\b(const|interface|type)\s+ErrorBody\b/.test(text))
      .map(({ p }) => p);
    expect(declaring).toEqual([HOME]);
  });

  it('is imported from src/http/error-body.ts wherever it is used', () => {
    const borrowed = files
      .filter(({ p }) => p !== HOME)
      .flatMap(({ p, text }) =>
        [...text.matchAll(/import[^;]*\bErrorBody\b[^;]*from\s+'([^']+)'/g)]
          .filter((m) => !/(^|\/)http\/error-body\.ts$|^\.\/error-body\.ts$/.test(m[1]!))
          .map((m) => `${p} <- ${m[1]}`),
      );
    expect(borrowed).toEqual([]);
  });

  it('describes the error answers of the OpenAPI document', async () => {
    const { openApiDocument } = await import('../src/cli/commands/openapi.ts');
    const doc = JSON.parse(await openApiDocument()) as {
      paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
    };
    const errorAnswers = Object.values(doc.paths)
      .flatMap((ops) => Object.values(ops))
      .flatMap((op) => Object.entries(op.responses ?? {}))
      .filter(([status]) => Number(status) >= 400);
    expect(errorAnswers.length).toBeGreaterThan(20);
    for (const [, answer] of errorAnswers) {
      const schema = (answer as { content?: Record<string, { schema?: unknown }> }).content?.[
        'application/json'
      ]?.schema as { properties?: Record<string, { description?: string }> } | undefined;
      expect(schema?.properties?.code?.description).toContain('LT_ERR_');
    }
  });
});
