/**
 * Every JSON answer of the tasks API has a real schema (issue 17): no operation answers an untyped
 * body, so the OpenAPI document and the dashboard's types (web/src/api/contract-tasks.ts) say
 * what each route sends. The two downloads (the 调度表 and an attachment) answer files.
 */
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../src/cli/commands/openapi.ts';

type Schema = { type?: string; properties?: object; items?: Schema; anyOf?: Schema[] };
type Operation = {
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
};

const DOWNLOADS = new Set([
  'get /api/tasks/sheet',
  'get /api/tasks/reports/{id}/attachments/{uploadId}',
]);

/** Whether a schema says something: a type, properties or items all the way down to a leaf. */
function typed(s: Schema | undefined): boolean {
  if (!s) return false;
  if (s.anyOf) return s.anyOf.every(typed);
  if (s.type === 'array') return typed(s.items);
  if (s.type === 'object') return s.properties !== undefined;
  return s.type !== undefined;
}

describe('tasks API answers', () => {
  it('declares a typed 200 answer for every JSON operation', async () => {
    const doc = JSON.parse(await openApiDocument()) as {
      paths: Record<string, Record<string, Operation>>;
    };
    const untyped: string[] = [];
    let operations = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!path.startsWith('/api/tasks')) continue;
      for (const [method, op] of Object.entries(ops)) {
        const key = `${method} ${path}`;
        if (DOWNLOADS.has(key)) continue;
        operations++;
        const schema = op.responses?.['200']?.content?.['application/json']?.schema;
        if (!typed(schema)) untyped.push(key);
      }
    }
    expect(operations).toBeGreaterThanOrEqual(15);
    expect(untyped).toEqual([]);
  });
});
