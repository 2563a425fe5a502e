/** `lantian openapi`: prints the OpenAPI document of the HTTP API (committed as docs/openapi.json). */
import type { Command } from 'commander';
import { buildApp } from '../../app.ts';
import { systemClock } from '../../clock.ts';
import { openStore } from '../../store/db.ts';

/** The OpenAPI document as stable, pretty-printed JSON. */
export async function openApiDocument(): Promise<string> {
  const db = await openStore({ sqlitePath: ':memory:' });
  try {
    const app = await buildApp({ db, clock: systemClock, logLevel: false, web: false });
    await app.ready();
    const doc = JSON.stringify(app.swagger(), null, 2) + '\n';
    await app.close();
    return doc;
  } finally {
    await db.close();
  }
}

/** Registers the openapi command. */
export function registerOpenApiCommand(program: Command): void {
  program
    .command('openapi')
    .description('输出 HTTP 接口的 OpenAPI 文档（JSON）')
    .action(async () => {
      process.stdout.write(await openApiDocument());
    });
}
