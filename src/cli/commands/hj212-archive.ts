/**
 * `lantian hj212 archive`: finds the bytes of frames in the raw archive of the HJ 212 listener
 * (every frame received, accepted or not), to settle a disputed value. `--raw` writes the bytes
 * themselves, so they can be piped into `lantian hj212 parse`.
 */
import type { Command } from 'commander';
import { LantianError } from '../../errors.ts';
import { searchArchive } from '../../ingest/hj212/archive-search.ts';
import { unescapeRaw } from '../../ingest/hj212/raw-escape.ts';
import { localToEpoch } from '../../time/zoned-time.ts';
import { cliConfig, type GlobalOptions } from '../context.ts';
import { DAY_MS, isLocalDate } from '../../standards/local-date.ts';

const TZ = 'Asia/Shanghai';
const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** A time given on the command line: ISO 8601 with offset, local (Beijing) date-time, or a date. */
export function parseArchiveTime(option: string, value: string, endOfDay: boolean): number {
  if (isLocalDate(value)) {
    const start = localToEpoch(
      TZ,
      Number(value.slice(0, 4)),
      Number(value.slice(5, 7)),
      Number(value.slice(8, 10)),
    );
    return endOfDay ? start + DAY_MS - 1 : start;
  }
  const m = LOCAL_RE.exec(value);
  if (m) return localToEpoch(TZ, +m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0));
  const t = /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isFinite(t)) return t;
  throw new LantianError(
    'LT_ERR_BAD_REQUEST',
    `${option} 应为日期 YYYY-MM-DD、北京时间 YYYY-MM-DD HH:MM[:SS] 或带时区的 ISO 8601，收到 "${value}"`,
  );
}

/** Adds `archive` to the existing `hj212` command. */
export function registerHj212ArchiveCommand(program: Command): void {
  const hj212 = program.commands.find((c) => c.name() === 'hj212') ?? program.command('hj212');
  hj212
    .command('archive')
    .description(
      '在 HJ 212 原始报文归档中查找报文（每帧一行：接收时间、对端、MN、ok 或拒绝原因、转义后的字节）',
    )
    .requiredOption(
      '--from <时间>',
      '起始时间：YYYY-MM-DD、北京时间 YYYY-MM-DD HH:MM[:SS] 或带时区的 ISO 8601',
    )
    .requiredOption('--to <时间>', '结束时间（含）；只写日期时包含当天全天')
    .option('--mn <mn>', '只看该 MN')
    .option('--status <状态>', 'ok、rejected（任一拒绝原因）或某个原因，如 crc_mismatch')
    .option('--dir <目录>', '归档目录（默认 LANTIAN_HJ212_ARCHIVE_DIR 或 var/archive/hj212）')
    .option('--raw', '只输出原始字节（可用管道交给 lantian hj212 parse）')
    .action(
      async (o: {
        from: string;
        to: string;
        mn?: string;
        status?: string;
        dir?: string;
        raw?: boolean;
      }) => {
        const from = parseArchiveTime('--from', o.from, false);
        const to = parseArchiveTime('--to', o.to, true);
        if (to < from) throw new LantianError('LT_ERR_BAD_RANGE', '--to 早于 --from');
        if (to - from > 31 * DAY_MS) throw new LantianError('LT_ERR_BAD_RANGE', '一次最多查 31 天');
        const configured = cliConfig(program.opts<GlobalOptions>()).hj212.archive;
        const dir = o.dir ?? (configured ? configured.dir : 'var/archive/hj212');
        let n = 0;
        for await (const l of searchArchive({
          dir,
          from,
          to,
          ...(o.mn ? { mn: o.mn } : {}),
          ...(o.status ? { status: o.status } : {}),
        })) {
          n++;
          const out = o.raw
            ? unescapeRaw(l.raw)
            : Buffer.from(
                `${l.time}\t${l.peer}\t${l.mn ?? '-'}\t${l.status}\t${l.raw}\n`,
                'latin1',
              );
          if (!process.stdout.write(out)) await new Promise((r) => process.stdout.once('drain', r));
        }
        process.stderr.write(`找到 ${n} 帧（${dir}）\n`);
      },
    );
}
