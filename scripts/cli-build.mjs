#!/usr/bin/env node
// The JavaScript build of the server and command line: every TypeScript file of src/ (tests
// excluded) compiled one to one into build/ with esbuild (the compiler tsx itself uses), so that
// `bin/lantian` starts without compiling anything. build/ sits beside src/ at the same depth,
// so paths a module finds from import.meta.url (../../data/plans, ../../web/dist) are the same.
// Relative imports keep their module and get a .js ending; the few modules outside src/ that
// src/ imports are bundled into their importer; packages stay imports of node_modules, but for
// kysely and zod (hundreds of small files each, most of a small command's start-up), which are
// bundled once into build/vendor/ (zod together with fastify-type-provider-zod, its one other
// user, so that there is a single zod).
//
//   node scripts/cli-build.mjs          build (npm install runs it as the `prepare` script)
//
// bin/lantian uses build/ only when freshBuild() says that no source is newer than the build;
// otherwise it runs the TypeScript through tsx.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const STAMP = '.build-stamp.json';
/** Packages bundled into build/vendor/<name>.js (sharing one copy of what they share). */
const VENDORED = ['kysely', 'zod', 'fastify-type-provider-zod'];

/** Source files of src/ that the build compiles (TypeScript) or copies (other files but docs). */
function sourceFiles(src) {
  const out = { ts: [], copy: [], dirs: [src] };
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        out.dirs.push(p);
        walk(p);
      } else if (e.name.endsWith('.test.ts')) continue;
      else if (e.name.endsWith('.ts')) out.ts.push(p);
      else if (!e.name.endsWith('.md')) out.copy.push(p);
    }
  };
  walk(src);
  return out;
}

/**
 * The build folder when it exists and nothing it was built from changed since (no source file
 * or folder of src/, nor any bundled file outside it, is newer than the build's start); else null.
 * A folder's time changes when a file is added, removed or renamed in it.
 */
export function freshBuild(rootUrl) {
  const root = fileURLToPath(rootUrl);
  const out = join(root, 'build');
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(out, STAMP), 'utf8'));
  } catch {
    return null;
  }
  const { ts, copy, dirs } = sourceFiles(join(root, 'src'));
  const inputs = [...dirs, ...ts, ...copy, ...stamp.outside.map((f) => join(root, f))];
  // A changed lock means changed packages, some of them bundled into build/vendor/.
  const lock = join(root, 'package-lock.json');
  if (existsSync(lock)) inputs.push(lock);
  for (const f of inputs) {
    let mtime;
    try {
      mtime = statSync(f).mtimeMs;
    } catch {
      return null;
    }
    if (mtime >= stamp.startedAt) return null;
  }
  return out;
}

/** esbuild, through tsx (which depends on it), so that the build needs no package of its own. */
async function loadEsbuild() {
  const require = createRequire(import.meta.url);
  const tsx = createRequire(require.resolve('tsx/package.json'));
  return import(tsx.resolve('esbuild'));
}

/** Bundles the VENDORED packages into `out`/vendor/, one shared copy of common code. */
async function buildVendor(esbuild, root, out) {
  const entries = join(out, '.vendor-entries');
  mkdirSync(entries, { recursive: true });
  for (const pkg of VENDORED) {
    const mod = await import(pkg);
    const lines = [`export * from '${pkg}';`];
    if ('default' in mod) lines.push(`export { default } from '${pkg}';`);
    writeFileSync(join(entries, `${pkg}.js`), lines.join('\n') + '\n');
  }
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: VENDORED.map((p) => join(entries, `${p}.js`)),
    outdir: join(out, 'vendor'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    charset: 'utf8',
    logLevel: 'warning',
    plugins: [
      {
        name: 'only-vendored',
        setup(b) {
          // Everything but the vendored packages' own files stays an import of node_modules.
          b.onResolve({ filter: /^[^./]/ }, (a) =>
            VENDORED.some((p) => a.path === p || a.path.startsWith(`${p}/`))
              ? undefined
              : { path: a.path, external: true },
          );
        },
      },
    ],
  });
  rmSync(entries, { recursive: true, force: true });
}

/** Builds src/ into build/ (through a temporary folder, swapped in when complete). */
export async function buildCli(root) {
  const startedAt = Date.now() - 20; // file times come from a coarse clock that can lag by a tick
  const src = join(root, 'src');
  const out = join(root, 'build');
  const tmp = join(root, `build.tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  const { ts, copy } = sourceFiles(src);
  const esbuild = await loadEsbuild();
  const inSrc = (p) => !relative(src, p).startsWith('..');
  await buildVendor(esbuild, root, tmp);
  /** The import of vendored package `pkg` from the output of src/ file `importer`. */
  const vendorPath = (importer, pkg) => {
    const from = join('/', dirname(relative(src, importer)));
    const to = relative(from, join('/', 'vendor', `${pkg}.js`));
    return to.startsWith('.') ? to : `./${to}`;
  };
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: ts,
    outdir: tmp,
    outbase: src,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    charset: 'utf8',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    plugins: [
      {
        name: 'one-to-one',
        setup(b) {
          // A relative import of another src/ file stays an import, of its .js; the rest of
          // src/'s imports (packages, node:) stay imports too; files outside src/ are bundled.
          b.onResolve({ filter: /.*/ }, (a) => {
            if (a.kind === 'entry-point') return undefined;
            if (a.path.startsWith('.')) {
              if (!inSrc(a.importer) || !inSrc(resolve(a.resolveDir, a.path))) return undefined;
              return { path: a.path.replace(/\.ts$/, '.js'), external: true };
            }
            if (VENDORED.includes(a.path) && inSrc(a.importer))
              return { path: vendorPath(a.importer, a.path), external: true };
            const sub = VENDORED.find((p) => a.path.startsWith(`${p}/`));
            if (sub) return { errors: [{ text: `import "${sub}" itself, not ${a.path}` }] };
            return { path: a.path, external: true };
          });
          // `new URL('./worker.ts', import.meta.url)` names a module file too (worker threads).
          b.onLoad({ filter: /\.ts$/ }, (a) => {
            if (!inSrc(a.path)) return undefined;
            const text = readFileSync(a.path, 'utf8').replace(
              /new URL\((['"])(\.{1,2}\/[^'"]+)\.ts\1, import\.meta\.url\)/g,
              'new URL($1$2.js$1, import.meta.url)',
            );
            return { contents: text, loader: 'ts' };
          });
        },
      },
    ],
  });
  for (const f of copy) {
    const to = join(tmp, relative(src, f));
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(f, to);
  }
  const outside = Object.keys(result.metafile.inputs)
    .map((f) => resolve(root, f))
    .filter((f) => !inSrc(f) && !f.split(sep).includes('node_modules'))
    .map((f) => relative(root, f));
  writeFileSync(join(tmp, STAMP), JSON.stringify({ startedAt, outside }, null, 2) + '\n');
  const old = join(root, `build.old-${process.pid}`);
  if (existsSync(out)) renameSync(out, old);
  renameSync(tmp, out);
  rmSync(old, { recursive: true, force: true });
  return { files: ts.length, outside };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const t = Date.now();
  try {
    const r = await buildCli(root);
    process.stderr.write(`lantian: built ${r.files} modules into build/ in ${Date.now() - t} ms\n`);
  } catch (e) {
    // Never fail `npm install` over it: bin/lantian runs the sources through tsx instead.
    process.stderr.write(
      `lantian: build/ not made (${e?.message ?? e}); bin/lantian will run the TypeScript sources\n`,
    );
  }
}
