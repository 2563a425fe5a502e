/**
 * How `lantian` starts (issue 15, "a fresh machine"): the command index lists exactly what each
 * command module registers; `--version` and `--help` import no command module and a small
 * command imports only its own; and the JavaScript build that `npm install` makes (build/) runs
 * every kind of command — including `serve` with its writer thread — and is left alone once a
 * source is newer than it. The modules a process loads are traced with a module resolve hook.
 * (How fast it starts is measured in bench/cli-start.ts, not asserted here.)
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_MODULES } from '../src/cli/command-index.ts';
import { startCli } from './support/cli.ts';

describe('the command index', () => {
  it.each(COMMAND_MODULES.map((m) => [m.commands.map((c) => c.name).join(','), m] as const))(
    '%s: the module registers exactly these commands and descriptions',
    async (_, m) => {
      const program = new Command('lantian');
      for (const register of await m.load()) register(program);
      expect(
        program.commands.map((c) => ({ name: c.name(), description: c.description() })),
      ).toEqual(m.commands);
    },
  );
});

const TRACE_HOOKS = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(process.env.LANTIAN_TRACE_FILE, r.url + '\\n');
  return r;
}
`;

let traceDir: string;
beforeAll(() => {
  traceDir = mkdtempSync(join(tmpdir(), 'lt-trace-'));
  writeFileSync(join(traceDir, 'hooks.mjs'), TRACE_HOOKS);
  writeFileSync(
    join(traceDir, 'register.mjs'),
    `import { register } from 'node:module';\nregister(${JSON.stringify(`file://${join(traceDir, 'hooks.mjs')}`)});\n`,
  );
});
afterAll(() => rmSync(traceDir, { recursive: true, force: true }));

/** Runs `<bin> …args`, returning its exit code, output and the module URLs it resolved. */
function traced(
  bin: string,
  args: string[],
  env: Record<string, string> = {},
): { code: number | null; stdout: string; stderr: string; modules: string[] } {
  const file = join(traceDir, `trace-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(file, '');
  const r = spawnSync(
    process.execPath,
    ['--import', join(traceDir, 'register.mjs'), bin, ...args],
    {
      env: { ...process.env, ...env, LANTIAN_TRACE_FILE: file },
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  const modules = [...new Set(readFileSync(file, 'utf8').split('\n').filter(Boolean))];
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, modules };
}

const commandModules = (modules: string[]): string[] =>
  modules
    .map((u) => /\/cli\/commands\/(.+)\.[jt]s$/.exec(u)?.[1])
    .filter((m): m is string => m !== undefined);

describe('lazy command loading (sources through tsx)', () => {
  const bin = resolve('bin/lantian');
  const env = { LANTIAN_CLI_BUILD: 'off' };

  it('imports no command module for --version and --help', () => {
    for (const args of [['--version'], ['--help'], ['help']]) {
      const r = traced(bin, args, env);
      expect(r.code).toBe(0);
      expect(r.stdout).not.toBe('');
      expect({ args, loaded: commandModules(r.modules) }).toEqual({ args, loaded: [] });
    }
  });

  it('imports only the module of the command that runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lt-lazy-'));
    try {
      const r = traced(bin, ['--db', join(dir, 'x.db'), 'region', 'list'], {
        ...env,
        DATABASE_URL: '',
      });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(commandModules(r.modules)).toEqual(['registry']);
      for (const heavy of ['/exceljs/', '/pdfkit/', '/fastify/', '/echarts/'])
        expect(r.modules.filter((u) => u.includes(heavy))).toEqual([]);
      const help = traced(bin, ['help', 'report'], env);
      expect(help.stdout).toContain('monthly');
      expect(commandModules(help.modules)).toEqual(['report']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the JavaScript build', () => {
  // A copy of the project's code (node_modules linked) so that building never touches the
  // build/ folder other tests may be running from.
  let root: string;
  let bin: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'lt-build-'));
    for (const d of ['src', 'bin', 'scripts', 'data', 'web/src/lib'])
      cpSync(resolve(d), join(root, d), { recursive: true, preserveTimestamps: true });
    for (const f of ['package.json', 'package-lock.json'])
      cpSync(resolve(f), join(root, f), { preserveTimestamps: true });
    symlinkSync(resolve('node_modules'), join(root, 'node_modules'));
    bin = join(root, 'bin', 'lantian');
    const b = spawnSync(process.execPath, [join(root, 'scripts', 'cli-build.mjs')], {
      encoding: 'utf8',
      timeout: 300_000,
    });
    expect(b.stderr).toMatch(/built \d+ modules into build\//);
  }, 300_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const fromBuild = (modules: string[]): boolean =>
    modules.some((u) => u.includes(`${root}/build/cli/main.js`)) &&
    !modules.some((u) => u.startsWith(`file://${root}/src/`));

  it('runs --version, --help and a store command from build/', () => {
    const v = traced(bin, ['--version']);
    expect(v.stdout.trim()).toBe('0.1.0');
    expect(fromBuild(v.modules)).toBe(true);
    expect(commandModules(v.modules)).toEqual([]);
    const h = traced(bin, ['--help']);
    expect(h.stdout).toContain('用法：lantian');
    const r = traced(bin, ['--db', join(root, 'x.db'), 'region', 'list', '--json'], {
      DATABASE_URL: '',
    });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect(fromBuild(r.modules)).toBe(true);
    expect(commandModules(r.modules)).toEqual(['registry']);
  });

  it('runs serve from build/, writer thread included', async () => {
    const { child } = await startCli(
      ['--db', join(root, 's.db'), 'serve', '--port', '0', '--host', '127.0.0.1'],
      { DATABASE_URL: '', LANTIAN_HJ212_PORT: '0', LANTIAN_LOG_LEVEL: 'warn' },
      /已启动：http/,
      bin,
    );
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  }, 60_000);

  it('falls back to the sources once one of them, or the package lock, is newer than the build', () => {
    const later = new Date(Date.now() + 5_000);
    utimesSync(join(root, 'src', 'errors.ts'), later, later);
    const r = traced(bin, ['--version']);
    expect(r.stdout.trim()).toBe('0.1.0');
    expect(fromBuild(r.modules)).toBe(false);
    expect(r.modules).toContain(`file://${root}/src/cli/main.ts`);
    const earlier = new Date(Date.now() - 60_000);
    utimesSync(join(root, 'src', 'errors.ts'), earlier, earlier);
    const b = spawnSync(process.execPath, [join(root, 'scripts', 'cli-build.mjs')], {
      encoding: 'utf8',
      timeout: 300_000,
    });
    expect(b.stderr).toMatch(/built \d+ modules/);
    expect(fromBuild(traced(bin, ['--version']).modules)).toBe(true);
    utimesSync(join(root, 'package-lock.json'), later, later);
    expect(fromBuild(traced(bin, ['--version']).modules)).toBe(false);
  }, 300_000);
});
