/** Records where imported rows came from and the lines an import skipped. */
import type { Db } from '../store/db.ts';
import type { ImportIssue } from './import-issue.ts';

/** Creates a data-source row (one per import run) and returns its id. */
export async function createDataSource(
  db: Db,
  kind: string,
  name: string,
  detail: string | null,
  now: number,
): Promise<number> {
  const row = await db.kysely
    .insertInto('data_sources')
    .values({ kind, name, detail, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const CHUNK = 500;

/** Stores the issues of one import run. */
export async function saveImportIssues(
  db: Db,
  sourceId: number,
  issues: readonly ImportIssue[],
): Promise<void> {
  if (issues.length === 0) return;
  await db.kysely.transaction().execute(async (trx) => {
    for (let i = 0; i < issues.length; i += CHUNK) {
      await trx
        .insertInto('import_issues')
        .values(
          issues.slice(i, i + CHUNK).map((x) => ({
            source_id: sourceId,
            file: x.file,
            line: x.line,
            field: x.field,
            code: x.code,
            detail: x.detail,
          })),
        )
        .execute();
    }
  });
}

/** Issues stored for an import run, in file and line order. */
export async function listImportIssues(
  db: Db,
  sourceId: number,
  limit = 1000,
): Promise<ImportIssue[]> {
  const rows = await db.kysely
    .selectFrom('import_issues')
    .select(['file', 'line', 'field', 'code', 'detail'])
    .where('source_id', '=', sourceId)
    .orderBy('id')
    .limit(limit)
    .execute();
  // Written by recordImportIssues from ImportIssue values, so the codes are of the one list.
  return rows as ImportIssue[];
}
