/**
 * The whole tree type-checks under the strict settings: application, tests and benchmarks with
 * tsc, and the dashboard (web/, every .vue file included) with vue-tsc. The dashboard's API types
 * are the server's zod schemas (web/src/api/types.ts), so a route whose answer changes fails here.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const VUE_TSC = 'node_modules/vue-tsc/bin/vue-tsc.js';

/** Runs a type checker; returns what it printed when it failed ('' when it passed). */
function check(bin: string, project: string): string {
  try {
    execFileSync(process.execPath, [bin, '--noEmit', '-p', project], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return '';
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    return `${stdout ?? ''}${stderr ?? ''}` || String(e);
  }
}

describe('TypeScript', () => {
  it('type-checks app, tests and benches with tsc --noEmit', () => {
    expect(check('node_modules/typescript/bin/tsc', 'tsconfig.json')).toBe('');
  }, 300_000);

  it('type-checks the dashboard, .vue files included, with vue-tsc --noEmit', () => {
    expect(check(VUE_TSC, 'web/tsconfig.json')).toBe('');
  }, 300_000);

  it('would fail on a .vue file that reads a field the server does not send', () => {
    // A component under the dashboard's settings that misreads three answers: the API types must
    // be the server's exact shapes (not `any`), and the template's script must be checked.
    mkdirSync('test-output', { recursive: true });
    const dir = mkdtempSync(join('test-output', 'vue-tsc-probe-'));
    try {
      const types = relative(dir, resolve('web/src/api/types.ts'));
      writeFileSync(
        join(dir, 'Probe.vue'),
        [
          '<script setup lang="ts">',
          `import type { Overview, PlanProgress, TaskRow } from '${types}';`,
          'declare const o: Overview;',
          'declare const p: PlanProgress;',
          'declare const t: TaskRow;',
          'const a: unknown = o.city.noSuchField;',
          'const b: number = p.subjects[0]!.pm25.soFar;',
          'const c: unknown = t.noSuchTaskField;',
          'console.log(a, b, c);',
          '</script>',
          '<template><p>{{ o.region.noSuchName }}</p></template>',
          '',
        ].join('\n'),
      );
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          extends: relative(dir, resolve('web/tsconfig.json')),
          include: ['Probe.vue'],
        }),
      );
      const out = check(VUE_TSC, join(dir, 'tsconfig.json'));
      expect(out).toContain("Property 'noSuchField' does not exist");
      expect(out).toContain("Type 'number | null' is not assignable to type 'number'");
      expect(out).toContain("Property 'noSuchTaskField' does not exist");
      expect(out).toContain("Property 'noSuchName' does not exist");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
