/**
 * Vite build of the dashboard (root: web/). Element Plus and its styles are imported on demand
 * (unplugin-vue-components / unplugin-auto-import with the Element Plus resolver); every page is
 * its own chunk; the output gets .gz and .br siblings (zlib, no extra package) that the server
 * sends to clients that accept them.
 */
import vue from '@vitejs/plugin-vue';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import AutoImport from 'unplugin-auto-import/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import Components from 'unplugin-vue-components/vite';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const COMPRESSIBLE = /\.(js|mjs|css|html|json|svg|txt|map)$/;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else yield p;
  }
}

/** Writes `<file>.gz` and `<file>.br` next to every compressible build file above 1 KiB. */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'lantian-precompress',
    apply: 'build',
    configResolved(c) {
      outDir = join(c.root, c.build.outDir);
    },
    closeBundle() {
      for (const f of files(outDir)) {
        if (!COMPRESSIBLE.test(f) || f.endsWith('.map')) continue;
        const raw = readFileSync(f);
        if (raw.length < 1024) continue;
        writeFileSync(`${f}.gz`, gzipSync(raw, { level: 9 }));
        writeFileSync(
          `${f}.br`,
          brotliCompressSync(raw, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: 11,
              [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
            },
          }),
        );
      }
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [
    vue(),
    AutoImport({
      resolvers: [ElementPlusResolver()],
      dts: 'src/auto-imports.d.ts',
    }),
    Components({
      resolvers: [ElementPlusResolver({ importStyle: 'css' })],
      dts: 'src/components.d.ts',
      dirs: [],
    }),
    precompress(),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    reportCompressedSize: true,
    rolldownOptions: {
      output: {
        // Charts in one long-cached chunk, shared by every page that draws.
        codeSplitting: {
          groups: [{ name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ }],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:8080', '/docs': 'http://localhost:8080' },
  },
});
