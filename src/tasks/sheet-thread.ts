/**
 * Reads an uploaded dispatch sheet in a child process of its own (sheet-worker.ts), never on the
 * event loop that answers HTTP and acknowledges HJ 212 packets: unpacking and parsing a workbook is
 * seconds of CPU at worst, and a hostile one is refused there (LT_ERR_SHEET_LIMIT) while the
 * server keeps answering. Each process's heap is capped (V8 aborts a process that passes it: only
 * that process dies), one that runs past the time limit is killed, and at most `sheetThreads`
 * sheets are read at once (later ones wait their turn), so memory stays bounded whatever is
 * uploaded.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { LantianError, type ErrorCode } from '../errors.ts';
import type { RawSheetRow, TableRow } from './sheet-read.ts';
import type { TasksConfig } from './task-config.ts';
import type { XlsxLimits } from './xlsx-guard.ts';

/** What the thread is given. */
export interface SheetJob {
  /** The file's bytes. */
  data: ArrayBuffer;
  filename: string;
  /** The worksheet to read (else the first). */
  sheetName: string;
  /** Header titles the sheet must have. */
  required: readonly string[];
  limits: XlsxLimits;
  /** Read a plain table whose header row holds this title, instead of a 调度表. */
  tableAnchor?: string;
}

/** What the thread answers. */
export type SheetReply =
  | {
      ok: true;
      rows: RawSheetRow[];
      /** The rows of a plain table (jobs with tableAnchor). */
      table?: TableRow[];
      issues: Array<{ row: number; column: string | null; code: string; detail: string }>;
    }
  | { ok: false; code: ErrorCode; detail: string | undefined; extra?: Record<string, unknown> };

let running = 0;
const waiting: Array<() => void> = [];

async function turn(max: number): Promise<() => void> {
  while (running >= max) await new Promise<void>((r) => waiting.push(r));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

/** The sheet's data rows, read in a child process within the configured limits. */
export async function readSheetOffThread(
  data: Uint8Array,
  filename: string,
  sheetName: string,
  required: readonly string[],
  cfg: TasksConfig,
  tableAnchor?: string,
): Promise<Extract<SheetReply, { ok: true }>> {
  return readInSheetProcess<SheetJob, Extract<SheetReply, { ok: true }>>(
    new URL('./sheet-worker.ts', import.meta.url),
    (copy) => ({
      data: copy,
      filename,
      sheetName,
      required,
      limits: cfg.sheetLimits,
      ...(tableAnchor !== undefined ? { tableAnchor } : {}),
    }),
    data,
    cfg,
  );
}

/** The limits of a sheet-reading process (TasksConfig has them). */
export type SheetProcessLimits = Pick<
  TasksConfig,
  'sheetThreads' | 'sheetThreadHeapMb' | 'sheetTimeoutMs'
>;

/**
 * Runs `worker` (a module that answers one job through sheet-child.ts) in a child process over a
 * copy of `data`, taking a turn of the pool that every sheet reader shares, and returns its answer
 * or throws its catalogue error.
 */
export async function readInSheetProcess<J extends { filename: string }, R extends { ok: true }>(
  worker: URL,
  jobOf: (copy: ArrayBuffer) => J,
  data: Uint8Array,
  cfg: SheetProcessLimits,
): Promise<R> {
  const done = await turn(cfg.sheetThreads);
  try {
    const job = jobOf(data.slice().buffer as ArrayBuffer);
    const reply = (await run(job, cfg, worker)) as R | Extract<SheetReply, { ok: false }>;
    if (!reply.ok) throw new LantianError(reply.code, reply.detail, reply.extra);
    return reply;
  } finally {
    done();
  }
}

function run(job: { filename: string }, cfg: SheetProcessLimits, worker: URL): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = fork(
      fileURLToPath(new URL('./sheet-worker-boot.mjs', import.meta.url)),
      [worker.href],
      {
        execArgv: [`--max-old-space-size=${cfg.sheetThreadHeapMb}`],
        serialization: 'advanced',
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      },
    );
    let stderr = '';
    child.stderr?.on('data', (b: Buffer) => {
      if (stderr.length < 4096) stderr += b.toString();
    });
    let settled = false;
    const settle = (f: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      f();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    const timer = setTimeout(
      () =>
        settle(() =>
          reject(
            new LantianError(
              'LT_ERR_SHEET_LIMIT',
              `${job.filename}：读取超过 ${cfg.sheetTimeoutMs / 1000} 秒，已停止`,
              { limitMs: cfg.sheetTimeoutMs },
            ),
          ),
        ),
      cfg.sheetTimeoutMs,
    );
    child.on('message', (m: unknown) => settle(() => resolve(m)));
    child.on('error', (e: Error) => settle(() => reject(e)));
    // An answer sent just before the process ends is delivered first: settle on the next turn.
    child.on('exit', (code, signal) =>
      setImmediate(() =>
        settle(() =>
          reject(
            /heap out of memory|heap limit/i.test(stderr)
              ? new LantianError(
                  'LT_ERR_SHEET_LIMIT',
                  `${job.filename}：读取所需内存超过 ${cfg.sheetThreadHeapMb} MB，已停止`,
                  { limitMb: cfg.sheetThreadHeapMb },
                )
              : new Error(`调度表读取进程意外退出（${code ?? signal}）：${stderr.slice(0, 300)}`),
          ),
        ),
      ),
    );
    child.send(job);
  });
}
