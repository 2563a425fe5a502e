/** The listener's persisted totals (ingest_counters): load at start, save periodically and at stop. */
import type { Db } from '../store/db.ts';

/** Counter name → value. */
export type CounterValues = Record<string, number>;

/** Every saved counter. */
export async function loadCounters(db: Db): Promise<CounterValues> {
  const rows = await db.kysely.selectFrom('ingest_counters').select(['name', 'value']).execute();
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.value)]));
}

/** Saves the counters (upsert by name). */
export async function saveCounters(db: Db, values: CounterValues, now: number): Promise<void> {
  const rows = Object.entries(values).map(([name, value]) => ({ name, value, updated_at: now }));
  for (let i = 0; i < rows.length; i += 200) {
    await db.kysely
      .insertInto('ingest_counters')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) =>
        oc.column('name').doUpdateSet((eb) => ({
          value: eb.ref('excluded.value'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}
