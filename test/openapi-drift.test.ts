/**
 * The committed OpenAPI document (docs/openapi.json) is the one the code produces: a change to a
 * route that forgets to regenerate it fails here. Regenerate with
 * `bin/lantian openapi > docs/openapi.json`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../src/cli/commands/openapi.ts';

describe('docs/openapi.json', () => {
  it('matches the API the code serves', async () => {
    const committed = readFileSync('docs/openapi.json', 'utf8');
    const generated = await openApiDocument();
    expect(JSON.parse(generated), 'run: bin/lantian openapi > docs/openapi.json').toEqual(
      JSON.parse(committed),
    );
  });
});
