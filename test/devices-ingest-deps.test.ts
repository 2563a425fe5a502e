/**
 * The device registry and ingest do not form a cycle (issue 17): ingest reads the registry, so
 * nothing under src/devices/ imports src/ingest/; and neither domain's routes import the
 * composition root (src/app.ts), they declare the narrow dependencies they use.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

const imports = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+'([^']+)'/gm)].map(
    (m) => m[1]!,
  );

describe('devices ↔ ingest', () => {
  it('devices imports nothing from ingest (ingest may read devices)', () => {
    const offending = sources('src/devices').flatMap((f) =>
      imports(f)
        .filter((s) => /(^|\/)ingest\//.test(s))
        .map((s) => `${f} → ${s}`),
    );
    expect(offending).toEqual([]);
    const ingestUsesDevices = sources('src/ingest').some((f) =>
      imports(f).some((s) => s.includes('/devices/')),
    );
    expect(ingestUsesDevices).toBe(true); // the one allowed direction, so the check means something
  });

  it('the device and ingest routes declare narrow deps instead of importing app.ts', () => {
    for (const f of ['src/devices/routes.ts', 'src/ingest/routes.ts']) {
      expect(imports(f).filter((s) => s.endsWith('/app.ts'))).toEqual([]);
    }
  });
});
