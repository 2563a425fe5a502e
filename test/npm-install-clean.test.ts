/**
 * `npm install` leaves `git status` clean (issue 16: it used to rewrite package-lock.json every
 * time because vite's optional dependency was missing from the lock, and to warn EBADENGINE on
 * Node 20).
 *
 * How: npm recomputes the lock from package.json and the committed lock in a temporary copy
 * (`npm install --package-lock-only --ignore-scripts --offline`): it installs nothing, runs no
 * script, never touches the network (so no registry flake), and takes a few seconds; the lock it
 * writes must be byte for byte the committed one, with no EBADENGINE warning. Package metadata
 * comes from npm's cache, which the `npm install` before the tests has filled: a dependency
 * added to package.json but not to the lock makes npm fail for want of metadata, and an entry
 * the lock lacks (the vite case) is added from the cache — either way the test fails. The rest
 * of what `npm install` writes (node_modules/, the build/ that its prepare script makes) must
 * be ignored by git.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('npm install', () => {
  it('keeps package-lock.json as committed, without engine warnings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lt-npm-lock-'));
    try {
      for (const f of ['package.json', 'package-lock.json']) copyFileSync(f, join(dir, f));
      const r = spawnSync(
        'npm',
        [
          'install',
          '--package-lock-only',
          '--ignore-scripts',
          '--offline',
          '--no-audit',
          '--no-fund',
        ],
        { cwd: dir, encoding: 'utf8', timeout: 120_000 },
      );
      const output = `${r.stdout}\n${r.stderr}`;
      expect({ status: r.status, output: r.status === 0 ? '' : output }).toEqual({
        status: 0,
        output: '',
      });
      expect(output).not.toContain('EBADENGINE');
      const after = readFileSync(join(dir, 'package-lock.json'), 'utf8');
      expect(after === readFileSync('package-lock.json', 'utf8')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);

  it('writes nothing else that git would see', () => {
    const ignored = (p: string): boolean =>
      spawnSync('git', ['check-ignore', '-q', '--no-index', p]).status === 0;
    // Folders the build makes while it runs (left behind if it is interrupted).
    for (const p of ['build/cli/main.js', 'build.tmp-123/cli/main.js', 'build.old-123/cli/main.js'])
      expect({ p, ignored: ignored(p) }).toEqual({ p, ignored: true });
    expect(execFileSync('git', ['ls-files', 'build', 'node_modules'], { encoding: 'utf8' })).toBe(
      '',
    );
    const status = execFileSync(
      'git',
      ['status', '--porcelain', '--untracked-files=all', '--', 'node_modules', 'build'],
      { encoding: 'utf8' },
    );
    expect(status).toBe('');
  });
});
