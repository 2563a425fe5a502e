/**
 * `npm run bench`: lists the benchmarks of bench/ with what each measures, or runs one by name
 * with its own options (`npm run bench -- cli-start --runs 5`). Each benchmark prints its
 * figures with the ratios to compare; docs/benchmarks.md keeps the measured ones.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('.', import.meta.url));

/** The benchmarks: file name without .ts, and the first sentence of its header comment. */
function benchmarks(): Array<{ name: string; about: string }> {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
    .sort()
    .map((f) => {
      const lines = readFileSync(join(DIR, f), 'utf8').split('\n');
      const comment = lines
        .slice(
          0,
          lines.findIndex((l) => !/^\s*(\/\*\*|\*|\/\/)/.test(l)),
        )
        .map((l) => l.replace(/^\s*(\/\*\*|\*\/|\*|\/\/)\s?/, '').trim())
        .join(' ')
        .trim();
      const about = /^.*?[.:?](?=\s|$)/.exec(comment)?.[0] ?? comment;
      return { name: f.slice(0, -3), about: about.replace(/:$/, '') };
    });
}

const [name, ...rest] = process.argv.slice(2);
const all = benchmarks();
const chosen = all.find((b) => b.name === name);
if (!chosen) {
  if (name) process.stderr.write(`没有这个基准测试：${name}\n\n`);
  process.stdout.write('用法：npm run bench -- <名称> [选项]\n\n');
  for (const b of all) process.stdout.write(`  ${b.name.padEnd(20)} ${b.about}\n`);
  process.exit(name ? 2 : 0);
}
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', join(DIR, `${chosen.name}.ts`), ...rest],
  {
    stdio: 'inherit',
  },
);
process.exit(r.status ?? 1);
