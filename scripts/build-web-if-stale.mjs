#!/usr/bin/env node
// Builds the dashboard (web/ → web/dist) when the build is missing or older than any of its
// sources, so that `npm start` always serves the current pages without a separate build step.
// Sources: web/ (except dist), the shared rule files the dashboard imports from src/, and the
// package files (a dependency update changes the bundle).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'web', 'dist', 'index.html');
const SOURCES = [
  'web',
  'src/standards',
  'src/protocols/hj212/reason-codes.ts',
  'src/air/pollutant-names.ts',
  'src/devices/hj212-codes.ts',
  'package.json',
  'package-lock.json',
];
const SKIP = new Set(['dist', 'node_modules']);

/** Newest modification time under `p` (a file or a directory), and the file that has it. */
function newest(p) {
  let best = { t: 0, file: '' };
  if (!existsSync(p)) return best;
  const st = statSync(p);
  if (!st.isDirectory()) return { t: st.mtimeMs, file: p };
  for (const name of readdirSync(p)) {
    if (SKIP.has(name) || name.endsWith('.test.ts')) continue;
    const n = newest(join(p, name));
    if (n.t > best.t) best = n;
  }
  return best;
}

let reason = '';
if (!existsSync(built)) reason = '尚未构建';
else {
  const builtAt = statSync(built).mtimeMs;
  let src = { t: 0, file: '' };
  for (const s of SOURCES) {
    const n = newest(join(root, s));
    if (n.t > src.t) src = n;
  }
  if (src.t > builtAt) reason = `${relative(root, src.file)} 比构建结果新`;
}

if (!reason && !process.argv.includes('--force')) {
  process.stderr.write('页面已是最新构建（web/dist）\n');
  process.exit(0);
}
process.stderr.write(`正在构建页面（${reason || '强制'}）…\n`);
const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
const r = spawnSync(
  process.execPath,
  [vite, 'build', '--config', join(root, 'web', 'vite.config.ts'), '--logLevel', 'warn'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (r.status !== 0) {
  process.stderr.write('页面构建失败\n');
  process.exit(r.status ?? 1);
}
process.stderr.write('页面构建完成\n');
