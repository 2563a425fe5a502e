/** The whole tree — application, tests, benchmarks — type-checks under the strict settings. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('TypeScript', () => {
  it('type-checks app, tests and benches with tsc --noEmit', () => {
    let output = '';
    try {
      execFileSync(
        process.execPath,
        ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.json'],
        { encoding: 'utf8', stdio: 'pipe' },
      );
    } catch (e) {
      output = String((e as { stdout?: string }).stdout ?? e);
    }
    expect(output).toBe('');
  }, 300_000);
});
