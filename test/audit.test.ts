import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit, recordAudit } from '../src/audit/audit-log.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';

describe.each(dialectsUnderTest())('audit log on %s', (dialect) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(dialect);
  });
  afterAll(async () => t?.cleanup());

  it('appends records and reads them newest first with filters', async () => {
    await recordAudit(t.db, 1000, { actor: 'admin', action: 'auth.login', ip: '127.0.0.1' });
    await recordAudit(t.db, 2000, {
      actor: 'admin',
      action: 'plan.publish',
      target: 'plan:handan-2020@1',
      detail: { version: 1 },
    });
    await recordAudit(t.db, 3000, { actor: 'x', action: 'auth.login_failed' });
    const all = await listAudit(t.db);
    expect(all.map((r) => r.action)).toEqual(['auth.login_failed', 'plan.publish', 'auth.login']);
    expect(all[1]).toMatchObject({
      target: 'plan:handan-2020@1',
      detail: { version: 1 },
      at: 2000,
    });
    expect((await listAudit(t.db, { actionPrefix: 'auth.' })).length).toBe(2);
    expect((await listAudit(t.db, { from: 1500, to: 2500 })).map((r) => r.action)).toEqual([
      'plan.publish',
    ]);
    expect(
      (await listAudit(t.db, { beforeId: all[0]!.id, limit: 1 })).map((r) => r.action),
    ).toEqual(['plan.publish']);
  });

  it('rolls back with the transaction it belongs to', async () => {
    const before = (await listAudit(t.db)).length;
    await expect(
      t.db.kysely.transaction().execute(async (trx) => {
        await recordAudit(trx, 4000, { actor: 'admin', action: 'device.create' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect((await listAudit(t.db)).length).toBe(before);
  });
});
