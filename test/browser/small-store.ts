/**
 * A smaller store than harness.ts's, for browser tests of one concern: the Handan 2020 plan and
 * its key tasks, simulated Handan air data for the last months of 2020 (the city's national
 * stations included) and one account per role, in a fresh temporary directory. The caller may
 * add what its concern needs before the server starts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUser } from '../../src/auth/user-service.ts';
import { systemClock } from '../../src/clock.ts';
import { simulateHandan } from '../../src/demo/handan-simulation.ts';
import { loadPlan } from '../../src/plan/plan-loader.ts';
import { openStore, type Db } from '../../src/store/db.ts';
import { loadTasks } from '../../src/tasks/plan-loader.ts';
import { ACCOUNTS, PASSWORD } from './harness.ts';

/** A prepared store: its file and how to remove it. */
export interface SmallStore {
  dir: string;
  path: string;
  remove(): void;
}

/**
 * Creates the store with simulated data from `fromDate` to the end of 2020, then runs `extra`
 * on it (still open).
 */
export async function prepareSmallStore(
  fromDate = '2020-11-01',
  extra?: (db: Db) => Promise<void>,
): Promise<SmallStore> {
  const dir = mkdtempSync(join(tmpdir(), 'lantian-browser-small-'));
  const path = join(dir, 'lantian.db');
  const db = await openStore({ sqlitePath: path, sqliteSynchronous: 'NORMAL' });
  try {
    const ctx = { actor: 'test', ip: null };
    await loadPlan(db, systemClock, ctx, 'handan-2020');
    await loadTasks(db, systemClock, ctx, 'handan-2020');
    await simulateHandan(db, {
      perUnit: 1,
      fromDate,
      until: Date.parse('2021-01-01T00:00:00+08:00'),
      alsoStations: ['1047A', '1048A', '1049A', '1050A'],
    });
    for (const [role, a] of Object.entries(ACCOUNTS)) {
      await createUser(db, systemClock, ctx, {
        ...a,
        role,
        password: PASSWORD,
        mustChangePassword: false,
      });
    }
    if (extra) await extra(db);
  } finally {
    await db.close();
  }
  return { dir, path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
