/**
 * CLI start-up benchmark (issue "A fresh machine"): wall time of `bin/lantian --version`,
 * `--help` and `region list` (a command that opens the store: a migrated SQLite file with the
 * Handan plan's regions), each as a ratio to a bare `node -e 0` measured in the same run — from
 * the JavaScript build that `npm install` makes (build/, rebuilt first when stale) and from the
 * TypeScript sources through tsx (LANTIAN_CLI_BUILD=off, what runs when the build is missing or
 * older than the sources). Median of R runs after one warm-up run each.
 *
 *   npm run bench -- cli-start [--runs 15]
 *   npx tsx bench/cli-start.ts [--runs 15]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const RUNS = Number(values.runs);
const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const BIN = join(ROOT, 'bin', 'lantian');
const dir = mkdtempSync(join(tmpdir(), 'lt-bench-cli-'));
const db = join(dir, 'bench.db');
const baseEnv = { ...process.env, LANTIAN_DB: db, DATABASE_URL: '' };

/** Wall time of one run of a command, in ms; throws when it fails. */
function once(cmd: string, args: string[], env: NodeJS.ProcessEnv): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr.toString()}`);
  return ms;
}

/** Median wall time of R runs after a warm-up. */
function median(cmd: string, args: string[], env: NodeJS.ProcessEnv): number {
  once(cmd, args, env);
  const times = Array.from({ length: RUNS }, () => once(cmd, args, env)).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

try {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'cli-build.mjs')], {
    encoding: 'utf8',
  });
  process.stderr.write(build.stderr);
  const { freshBuild } = (await import(
    pathToFileURL(join(ROOT, 'scripts', 'cli-build.mjs')).href
  )) as {
    freshBuild: (root: URL) => string | null;
  };
  if (!freshBuild(pathToFileURL(ROOT + '/'))) throw new Error('build/ is not fresh after building');
  // A store with regions to list (the plan's city and its 20 units).
  once(BIN, ['tasks', 'load', 'handan-2020'], baseEnv);

  const commands: Array<[string, string[]]> = [
    ['--version', ['--version']],
    ['--help', ['--help']],
    ['region list', ['region', 'list']],
  ];
  const node = median(process.execPath, ['-e', '0'], baseEnv);
  const rows: string[][] = [['`node -e 0`', '—', node.toFixed(0), '1.0']];
  for (const [mode, env] of [
    ['build/', baseEnv],
    ['tsx (no build)', { ...baseEnv, LANTIAN_CLI_BUILD: 'off' }],
  ] as const) {
    for (const [name, args] of commands) {
      const ms = median(BIN, args, env);
      rows.push([`\`lantian ${name}\``, mode, ms.toFixed(0), (ms / node).toFixed(1)]);
    }
  }
  console.log(
    `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, median of ${RUNS} runs\n`,
  );
  console.log('| command | runs from | ms | × node -e 0 |\n|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
