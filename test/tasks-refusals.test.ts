/**
 * Bad input is refused with a stable code and leaves nothing behind: a report for a measure that
 * does not exist, a value above the target's scope, an attachment too large or of a forbidden type
 * (by content, not by name), a county reporting for another county, a department reporting on a
 * measure it does not lead, reviews that cannot be made.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../src/auth/principal.ts';
import { DiskBlobStore } from '../src/blobs/disk-blob-store.ts';
import { fixedClock } from '../src/clock.ts';
import { ERRORS } from '../src/errors.ts';
import { loadTasks } from '../src/tasks/definition-loader.ts';
import { submitReport, type NewReport } from '../src/tasks/report-service.ts';
import { reviewReport } from '../src/tasks/review-service.ts';
import { DEFAULT_TASKS_CONFIG, type TasksConfig } from '../src/tasks/task-config.ts';
import {
  loadTaskContext,
  operatorActor,
  type TaskActor,
  type TaskContext,
} from '../src/tasks/task-context.ts';
import { uploadAttachment } from '../src/tasks/upload-service.ts';
import { dialectsUnderTest, openTestStore, type TestStore } from './support/databases.ts';

const clock = fixedClock(Date.UTC(2020, 5, 1, 2));
const cfg: TasksConfig = { ...DEFAULT_TASKS_CONFIG, maxAttachmentBytes: 4096 };

const actor = (username: string, p: Partial<Principal>): TaskActor => ({
  principal: {
    userId: 1,
    username,
    displayName: username,
    role: 'county',
    via: 'session',
    mustChangePassword: false,
    ...p,
  } as Principal,
  ctx: { actor: username, ip: null },
});
const congtai = actor('congtai', { role: 'county', regionAdcode: '130403' });
const hanshan = actor('hanshan', { role: 'county', regionAdcode: '130402' });
const shexian = actor('shexian', { role: 'county', regionAdcode: '130426' });
const eco = actor('eco', { role: 'department', department: '生态环境局' });
const transport = actor('transport', { role: 'department', department: '市交通运输局' });
const police = actor('police', { role: 'department', department: '市公安局' });
const enterprise = actor('ent', { role: 'enterprise', enterprise: 'E1' });

/** The smallest valid PNG (1×1). */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

describe.each(dialectsUnderTest())('refusals on %s', (dialect) => {
  let t: TestStore;
  let c: TaskContext;
  let dir: string;
  let blobs: DiskBlobStore;
  const office = operatorActor({ actor: 'office', ip: null });
  const submit = (who: TaskActor, r: Partial<NewReport>) =>
    submitReport(t.db, clock, cfg, c, who, {
      number: '三.(五).1',
      unit: '130403',
      values: {},
      checklist: [],
      narrative: '进展',
      attachments: [],
      source: 'api',
      ...r,
    });
  const refused = async (
    run: () => Promise<unknown>,
    code: keyof typeof ERRORS,
  ): Promise<string> => {
    const before = await t.db.kysely
      .selectFrom('task_reports')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    const e = (await run().then(
      () => {
        throw new Error(`expected ${code}`);
      },
      (err: unknown) => err,
    )) as { code: string; message: string };
    expect(e.code, e.message).toBe(code);
    const after = await t.db.kysely
      .selectFrom('task_reports')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(Number(after?.n)).toBe(Number(before?.n));
    return e.message;
  };

  beforeAll(async () => {
    t = await openTestStore(dialect);
    dir = mkdtempSync(join(tmpdir(), 'lt-blobs-'));
    blobs = new DiskBlobStore(dir);
    await loadTasks(t.db, clock, office.ctx, 'handan-2020');
    c = await loadTaskContext(t.db);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t?.cleanup();
  });

  it('refuses a report for a measure that does not exist, or for a measure with sub-measures', async () => {
    expect(
      await refused(() => submit(congtai, { number: '三.(八).1' }), 'LT_ERR_TASK_NOT_FOUND'),
    ).toContain('三.(八).1');
    expect(
      await refused(() => submit(congtai, { number: '三.(二).2' }), 'LT_ERR_BAD_REQUEST'),
    ).toContain('三.(二).2.1');
    expect(ERRORS.LT_ERR_TASK_NOT_FOUND.status).toBe(404);
  });

  it('refuses values above the target’s scope', async () => {
    const cap = await refused(
      () => submit(congtai, { values: { t1: 224 } }),
      'LT_ERR_VALUE_OUT_OF_SCOPE',
    );
    expect(cap).toContain('223');
    await refused(() => submit(congtai, { values: { t1: -1 } }), 'LT_ERR_VALUE_OUT_OF_SCOPE');
    await refused(
      () => submit(congtai, { number: '三.(四).4', values: { t1: 101 } }),
      'LT_ERR_VALUE_OUT_OF_SCOPE',
    );
    // The counties together cannot exceed the city's 223 boilers either.
    await submit(congtai, { values: { t1: 200 } });
    const sum = await refused(
      () => submit(hanshan, { unit: '130402', values: { t1: 30 } }),
      'LT_ERR_VALUE_OUT_OF_SCOPE',
    );
    expect(sum).toContain('其他县已报 200');
    await submit(hanshan, { unit: '130402', values: { t1: 23 } });
    await refused(() => submit(congtai, { values: { t9: 1 } }), 'LT_ERR_BAD_REQUEST');
    await refused(() => submit(congtai, { checklist: ['m9'] }), 'LT_ERR_BAD_REQUEST');
    await refused(() => submit(congtai, { narrative: '' }), 'LT_ERR_BAD_REQUEST');
  });

  it('refuses a county reporting for another county, and a unit not responsible', async () => {
    expect(
      await refused(() => submit(hanshan, { unit: '130403' }), 'LT_ERR_OUT_OF_SCOPE'),
    ).toContain('丛台区');
    await refused(() => submit(hanshan, { unit: '丛台区' }), 'LT_ERR_OUT_OF_SCOPE');
    await refused(() => submit(congtai, { unit: '全市' }), 'LT_ERR_OUT_OF_SCOPE');
    // 三.(四).5.1 is the main city's only: 涉县 is not responsible for it.
    await refused(
      () => submit(shexian, { number: '三.(四).5.1', unit: '130426' }),
      'LT_ERR_UNIT_NOT_RESPONSIBLE',
    );
    await refused(() => submit(office, { unit: '北京市' }), 'LT_ERR_UNIT_NOT_RESPONSIBLE');
    await refused(() => submit(enterprise, {}), 'LT_ERR_OUT_OF_SCOPE');
  });

  it('lets a department report only on the measures it leads', async () => {
    await refused(
      () => submit(transport, { number: '三.(五).2', unit: '130403' }),
      'LT_ERR_OUT_OF_SCOPE',
    );
    await submit(eco, { number: '三.(五).2', unit: '全市', values: { t1: 100 } });
    // 市公安局 covers its 交巡警支队, which leads 三.(三).2.
    await submit(police, { number: '三.(三).2', unit: '130403', checklist: ['m1'] });
    await refused(
      () => submit(transport, { number: '三.(三).8.2', unit: '全市' }),
      'LT_ERR_OUT_OF_SCOPE',
    );
  });

  it('refuses attachments too large or of a forbidden type, judged by content', async () => {
    const up = (who: TaskActor, data: Buffer, name: string) =>
      uploadAttachment(t.db, clock, cfg, blobs, who, data, name);
    const big = Buffer.concat([PNG, Buffer.alloc(5000)]);
    const e1 = (await up(congtai, big, 'photo.png').catch((e: unknown) => e)) as { code: string };
    expect(e1.code).toBe('LT_ERR_ATTACHMENT_TOO_LARGE');
    expect(ERRORS.LT_ERR_ATTACHMENT_TOO_LARGE.status).toBe(413);
    for (const [data, name] of [
      [EXE, 'report.pdf'],
      [PDF, 'photo.jpg'],
      [Buffer.from('累计完成 12 家'), 'note.txt'],
      [EXE, 'setup.exe'],
    ] as const) {
      const e = (await up(congtai, data, name).catch((err: unknown) => err)) as { code: string };
      expect(e.code, name).toBe('LT_ERR_ATTACHMENT_TYPE');
    }
    expect(await t.db.kysely.selectFrom('task_uploads').selectAll().execute()).toHaveLength(0);
    const ok = await up(congtai, PNG, '现场照片.png');
    expect(ok).toMatchObject({ mediaType: 'image/png', size: PNG.length });
    expect(await blobs.get(ok.sha256)).toEqual(PNG);
    const pdf = await up(congtai, PDF, '验收报告.pdf');
    const r = await submit(congtai, { values: { t1: 200 }, attachments: [ok.id, pdf.id] });
    expect(r.version).toBe(2);
    // Someone else's upload cannot be attached.
    await refused(
      () => submit(hanshan, { unit: '130402', values: { t1: 22 }, attachments: [ok.id] }),
      'LT_ERR_BAD_REQUEST',
    );
  });

  it('refuses reviews that cannot be made', async () => {
    const rows = await t.db.kysely
      .selectFrom('task_reports')
      .selectAll()
      .where('unit_adcode', '=', '130403')
      .where('number', '=', '三.(五).1')
      .orderBy('version')
      .execute();
    const [v1, latest] = rows;
    const e = (await reviewReport(t.db, clock, congtai, latest!.id, 'accept', '').catch(
      (x: unknown) => x,
    )) as { code: string };
    expect(e.code).toBe('LT_ERR_FORBIDDEN');
    const no = (await reviewReport(t.db, clock, office, 99999, 'accept', '').catch(
      (x: unknown) => x,
    )) as { code: string };
    expect(no.code).toBe('LT_ERR_REPORT_NOT_FOUND');
    const old = (await reviewReport(t.db, clock, office, v1!.id, 'accept', '').catch(
      (x: unknown) => x,
    )) as { code: string };
    expect(old.code).toBe('LT_ERR_REPORT_NOT_REVIEWABLE');
    const bare = (await reviewReport(t.db, clock, office, latest!.id, 'return', ' ').catch(
      (x: unknown) => x,
    )) as { code: string };
    expect(bare.code).toBe('LT_ERR_BAD_REQUEST');
    await reviewReport(t.db, clock, office, latest!.id, 'accept', '');
    const twice = (await reviewReport(t.db, clock, office, latest!.id, 'return', '重复').catch(
      (x: unknown) => x,
    )) as { code: string };
    expect(twice.code).toBe('LT_ERR_REPORT_NOT_REVIEWABLE');
    expect(await t.db.kysely.selectFrom('task_reviews').selectAll().execute()).toHaveLength(1);
  });
});
