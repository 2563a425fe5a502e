/**
 * Which Chromium the browser tests drive. By default the one npm installs
 * (`@sparticuz/chromium`, unpacked into the temporary directory on first use), with a font
 * configuration that gives it the CJK font the project carries (`@expo-google-fonts/noto-sans-sc`),
 * so a fresh machine needs no system package. `LANTIAN_CHROMIUM=/path/to/chromium` uses another
 * browser (a system one, say) as it is.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The chosen browser: its executable and the environment it must start with. */
export interface ChromiumChoice {
  executablePath: string;
  env: Record<string, string>;
  /** Where it comes from, for messages. */
  origin: 'npm' | 'LANTIAN_CHROMIUM';
}

/** Resolves the browser to use (unpacking the npm one when needed). */
export async function chooseChromium(): Promise<ChromiumChoice> {
  const chosen = process.env['LANTIAN_CHROMIUM'];
  if (chosen) return { executablePath: chosen, env: {}, origin: 'LANTIAN_CHROMIUM' };
  const { default: packaged } = await import('@sparticuz/chromium');
  const executablePath = await packaged.executablePath();
  return { executablePath, env: { FONTCONFIG_PATH: writeFontConfig() }, origin: 'npm' };
}

/** Writes a fontconfig file naming the project's CJK font folder; returns its directory. */
function writeFontConfig(): string {
  const fontPackage = dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
  const dir = join(tmpdir(), `lantian-fontconfig-${process.pid}`);
  mkdirSync(join(dir, 'cache'), { recursive: true });
  writeFileSync(
    join(dir, 'fonts.conf'),
    [
      '<?xml version="1.0"?>',
      '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
      '<fontconfig>',
      `  <dir>${join(fontPackage, '400Regular')}</dir>`,
      `  <dir>${join(fontPackage, '700Bold')}</dir>`,
      // The machine's own fonts where it has any (Latin fallbacks such as subscript digits).
      '  <dir>/usr/share/fonts</dir>',
      `  <cachedir>${join(dir, 'cache')}</cachedir>`,
      '</fontconfig>',
      '',
    ].join('\n'),
  );
  return dir;
}
