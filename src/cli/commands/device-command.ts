/** `lantian device command|commands`: HJ 212 downlink commands (queued for the listener) and the log. */
import type { Command } from 'commander';
import { systemClock } from '../../clock.ts';
import { LantianError } from '../../errors.ts';
import { commandOut } from '../../ingest/commands/routes.ts';
import { deviceCommands, queueCommand } from '../../ingest/commands/command-service.ts';
import { COMMAND_NAMES, COMMANDS } from '../../protocols/hj212/index.ts';
import { withStore, type GlobalOptions } from '../context.ts';
import { parseNumber } from '../options.ts';

/** `k=v` words → a parameter record. */
function paramsOf(words: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const w of words) {
    const eq = w.indexOf('=');
    if (eq <= 0) throw new LantianError('LT_ERR_BAD_COMMAND', `参数 "${w}" 应为 名称=值`);
    out[w.slice(0, eq)] = w.slice(eq + 1);
  }
  return out;
}

/** Registers `device command` and `device commands` under `device`. */
export function registerDeviceCommandCommands(
  device: Command,
  g: () => GlobalOptions,
  actor: () => string,
): void {
  device
    .command('command <mn> <name> [params...]')
    .description(
      '向设备下发 HJ 212 命令（排队，由接入服务在设备在线时 5 秒内发送）：' +
        COMMAND_NAMES.map((n) => `${n}（${COMMANDS[n].cn} ${COMMANDS[n].name}）`).join('、') +
        '；参数写作 名称=值，如 RtdInterval=60、BeginTime=20240301000000 EndTime=20240301050000',
    )
    .action(async (mn: string, name: string, words: string[]) => {
      await withStore(g(), async (db) => {
        const row = await queueCommand(db, systemClock, mn, name, paramsOf(words), actor());
        process.stdout.write(`已排队：${row.mn} CN=${row.cn} QN=${row.qn} ${row.params}\n`);
      });
    });

  device
    .command('commands <mn>')
    .description('列出设备的下行命令记录（最新在前）：状态、应答（9011/9012）与返回值')
    .option('--limit <n>', '最多列出几条', '50')
    .option('--json', '以 JSON 输出')
    .action(async (mn: string, o: { limit: string; json?: boolean }) => {
      await withStore(g(), async (db) => {
        const rows = (await deviceCommands(db, mn, parseNumber('--limit', o.limit))).map(
          commandOut,
        );
        if (o.json) return void process.stdout.write(JSON.stringify(rows) + '\n');
        for (const r of rows) {
          process.stdout.write(
            `${new Date(r.createdAt).toISOString()}\t${r.cn}\t${r.status}\t${r.origin}\t${JSON.stringify(r.params)}\t${r.answer ? JSON.stringify(r.answer) : '-'}\t${r.detail ?? ''}\n`,
          );
        }
      });
    });
}
