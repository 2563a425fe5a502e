/**
 * Settings of key-task dispatch: attachment limits, the blob folder, reminder lead times and the
 * pace rules' tolerances. Read from environment variables once (src/config.ts); tests hand in
 * their own values.
 */
import { z } from 'zod';
import { LantianError } from '../errors.ts';
import { EXTENSION_TYPES } from '../blobs/sniff-type.ts';
import type { XlsxLimits } from './xlsx-guard.ts';

/** Settings of the tasks domain. */
export interface TasksConfig {
  /** Folder of the on-disk BlobStore. */
  readonly blobDir: string;
  /** Largest attachment accepted, bytes. */
  readonly maxAttachmentBytes: number;
  /** Media types an attachment may have (photos, PDF, spreadsheets by default). */
  readonly attachmentTypes: readonly string[];
  /** Largest dispatch sheet accepted for import, bytes. */
  readonly maxSheetBytes: number;
  /** What an imported sheet may unpack to: ZIP entries, bytes, rows, cells (xlsx-guard.ts). */
  readonly sheetLimits: XlsxLimits;
  /** Sheets read at once, each in its own child process (sheet-thread.ts). */
  readonly sheetThreads: number;
  /** Heap cap of a sheet-reading process, MB. */
  readonly sheetThreadHeapMb: number;
  /** Longest a sheet may take to read, ms. */
  readonly sheetTimeoutMs: number;
  /** Days before a milestone on which reminders go out (e.g. 7 and 1). */
  readonly reminderLeadDays: readonly number[];
  /** Shortfall below the time-proportional pace tolerated before "behind", as a share of the row's target. */
  readonly paceTolerance: number;
  /** A unit that has reported nothing is warned once this share of its first window has elapsed. */
  readonly silentWarnShare: number;
  /** Days a warned unit has to answer a warning notice (written into the draft). */
  readonly noticeReplyDays: number;
  /** Time zone of the plan's dates. */
  readonly timeZone: string;
}

const MB = 1024 * 1024;

/** Defaults: 20 MB attachments of photos, PDF and spreadsheets; reminders 7 and 1 days before. */
export const DEFAULT_TASKS_CONFIG: TasksConfig = Object.freeze({
  blobDir: './var/blobs',
  maxAttachmentBytes: 20 * MB,
  attachmentTypes: typesOf(['jpg', 'png', 'webp', 'heic', 'pdf', 'xlsx', 'xls']),
  maxSheetBytes: 10 * MB,
  // A real 调度表 of the Handan plan has a few hundred rows of a dozen cells (well under 1 MB
  // unpacked); these leave two orders of magnitude of room. 20,000 rows of 12 cells take exceljs
  // about 200 MB of heap, under the process's 512 MB.
  sheetLimits: Object.freeze({
    maxEntries: 1000,
    maxUnpackedBytes: 32 * MB,
    maxRows: 20_000,
    maxCells: 300_000,
  }),
  sheetThreads: 2,
  sheetThreadHeapMb: 512,
  sheetTimeoutMs: 60_000,
  reminderLeadDays: [7, 1],
  paceTolerance: 0,
  silentWarnShare: 0.5,
  noticeReplyDays: 5,
  timeZone: 'Asia/Shanghai',
});

function typesOf(exts: readonly string[]): string[] {
  return [...new Set(exts.map((e) => EXTENSION_TYPES[e.toLowerCase()] ?? '').filter(Boolean))];
}

const list = (s: string): string[] =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

const TasksEnv = z.object({
  LANTIAN_BLOB_DIR: z.string().min(1).default('./var/blobs'),
  LANTIAN_TASKS_MAX_ATTACHMENT_MB: z.coerce.number().positive().max(1024).default(20),
  LANTIAN_TASKS_ATTACHMENT_TYPES: z
    .string()
    .default('jpg,png,webp,heic,pdf,xlsx,xls')
    .transform(list)
    .refine((xs) => xs.length > 0 && xs.every((x) => x.toLowerCase() in EXTENSION_TYPES), {
      message: `应为逗号分隔的扩展名，可选 ${Object.keys(EXTENSION_TYPES).join(',')}`,
    }),
  LANTIAN_TASKS_MAX_SHEET_MB: z.coerce.number().positive().max(1024).default(10),
  LANTIAN_TASKS_SHEET_MAX_ENTRIES: z.coerce.number().int().min(10).max(65_535).default(1000),
  LANTIAN_TASKS_SHEET_MAX_UNPACKED_MB: z.coerce.number().positive().max(4096).default(32),
  LANTIAN_TASKS_SHEET_MAX_ROWS: z.coerce.number().int().positive().default(20_000),
  LANTIAN_TASKS_SHEET_MAX_CELLS: z.coerce.number().int().positive().default(300_000),
  LANTIAN_TASKS_SHEET_THREADS: z.coerce.number().int().min(1).max(16).default(2),
  LANTIAN_TASKS_SHEET_THREAD_MB: z.coerce.number().int().min(64).max(16_384).default(512),
  LANTIAN_TASKS_SHEET_TIMEOUT_S: z.coerce.number().positive().max(3600).default(60),
  LANTIAN_TASKS_REMINDER_DAYS: z
    .string()
    .default('7,1')
    .transform((s) => list(s).map(Number))
    .refine((xs) => xs.every((n) => Number.isInteger(n) && n >= 0 && n <= 366), {
      message: '应为逗号分隔的天数（0–366）',
    }),
  LANTIAN_TASKS_PACE_TOLERANCE_PCT: z.coerce.number().min(0).max(100).default(0),
  LANTIAN_TASKS_SILENT_WARN_PCT: z.coerce.number().min(0).max(100).default(50),
  LANTIAN_TASKS_NOTICE_REPLY_DAYS: z.coerce.number().int().min(1).max(90).default(5),
});

/** Reads the tasks settings from an environment. */
export function tasksConfigFromEnv(env: NodeJS.ProcessEnv = process.env): TasksConfig {
  const parsed = TasksEnv.safeParse(env);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new LantianError('LT_ERR_BAD_CONFIG', `${first?.path.join('.')}: ${first?.message}`);
  }
  const e = parsed.data;
  return Object.freeze({
    blobDir: e.LANTIAN_BLOB_DIR,
    maxAttachmentBytes: Math.round(e.LANTIAN_TASKS_MAX_ATTACHMENT_MB * MB),
    attachmentTypes: typesOf(e.LANTIAN_TASKS_ATTACHMENT_TYPES),
    maxSheetBytes: Math.round(e.LANTIAN_TASKS_MAX_SHEET_MB * MB),
    sheetLimits: Object.freeze({
      maxEntries: e.LANTIAN_TASKS_SHEET_MAX_ENTRIES,
      maxUnpackedBytes: Math.round(e.LANTIAN_TASKS_SHEET_MAX_UNPACKED_MB * MB),
      maxRows: e.LANTIAN_TASKS_SHEET_MAX_ROWS,
      maxCells: e.LANTIAN_TASKS_SHEET_MAX_CELLS,
    }),
    sheetThreads: e.LANTIAN_TASKS_SHEET_THREADS,
    sheetThreadHeapMb: e.LANTIAN_TASKS_SHEET_THREAD_MB,
    sheetTimeoutMs: Math.round(e.LANTIAN_TASKS_SHEET_TIMEOUT_S * 1000),
    reminderLeadDays: [...new Set(e.LANTIAN_TASKS_REMINDER_DAYS)].sort((a, b) => b - a),
    paceTolerance: e.LANTIAN_TASKS_PACE_TOLERANCE_PCT / 100,
    silentWarnShare: e.LANTIAN_TASKS_SILENT_WARN_PCT / 100,
    noticeReplyDays: e.LANTIAN_TASKS_NOTICE_REPLY_DAYS,
    timeZone: 'Asia/Shanghai',
  });
}
