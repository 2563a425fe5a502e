/** `lantian device …`: the HJ 212 device registry (import, add, list, remove) and the quarantine. */
import type { Command } from 'commander';
import { systemClock } from '../../clock.ts';
import { loadConfig } from '../../config.ts';
import { idStandardWarnings, type IdLimits } from '../../protocols/hj212/index.ts';
import { parseDeviceCsv } from '../../devices/device-csv.ts';
import {
  createDevice,
  devices,
  importDevices,
  removeDevice,
} from '../../devices/device-service.ts';
import { LantianError } from '../../errors.ts';
import { listQuarantine } from '../../ingest/device-values-repo.ts';
import { replayQuarantine } from '../../ingest/hj212/quarantine-replay.ts';
import { readTextFile } from '../../imports/text-file.ts';
import { cliActor } from '../cli-actor.ts';
import { withStore, type GlobalOptions } from '../context.ts';
import { registerDeviceCommandCommands } from './device-command.ts';
import { parseNumber } from '../options.ts';

/** Accepted MN / PW lengths (LANTIAN_HJ212_MN_MIN / _MN_MAX / _PW_MAX). */
function idLimits(): IdLimits | undefined {
  return loadConfig().hj212.idLimits;
}

const STATUS_TEXT = { created: '新增', updated: '更新', rejected: '拒绝' } as const;

/** Registers the device commands. */
export function registerDeviceCommands(program: Command): void {
  const g = (): GlobalOptions => program.opts<GlobalOptions>();
  const device = program
    .command('device')
    .description('HJ 212 设备（数采仪）登记：MN、站点或排放口、密码、协议版本、CRC');

  device
    .command('import <file>')
    .description(
      '从 CSV 导入设备登记表（表头 mn,kind,target,password,edition,crc,interval_s[,name][,aliases]）；' +
        '已登记的 MN 会被更新；有被拒绝的行时退出码为 3，其余行照常保存',
    )
    .option('--json', '以 JSON 输出每行结果')
    .action(async (file: string, o: { json?: boolean }) => {
      const csv = parseDeviceCsv(readTextFile(file));
      await withStore(g(), async (db) => {
        const results = [
          ...csv.problems.map((p) => ({ ...p, status: 'rejected' as const })),
          ...(await importDevices(db, systemClock, csv.rows, cliActor(), idLimits())),
        ].sort((a, b) => a.line - b.line);
        if (o.json) process.stdout.write(JSON.stringify(results) + '\n');
        const count = { created: 0, updated: 0, rejected: 0 };
        for (const r of results) {
          count[r.status]++;
          for (const w of ('warnings' in r ? r.warnings : undefined) ?? []) {
            process.stderr.write(`${file}:${r.line} ${r.mn} 警告：${w}\n`);
          }
          if (r.status === 'rejected') {
            process.stderr.write(
              `${file}:${r.line} ${r.mn || '—'} [${r.code}] ${r.field ? r.field + '：' : ''}${r.detail}\n`,
            );
          }
        }
        if (!o.json) {
          process.stdout.write(
            (Object.keys(count) as Array<keyof typeof count>)
              .map((k) => `${STATUS_TEXT[k]} ${count[k]}`)
              .join('，') + '\n',
          );
        }
        if (count.rejected > 0)
          throw new LantianError('LT_ERR_DEVICE_IMPORT_REJECTED', `${count.rejected} 行`);
      });
    });

  device
    .command('add')
    .description('登记一台设备')
    .requiredOption('--mn <mn>', '设备唯一标识 MN（字母、数字、- 或 _；标准为 24 位）')
    .requiredOption('--kind <kind>', 'station（空气站，ST=22）或 outlet（排放口，ST=31/27/39）')
    .requiredOption('--target <code>', '站点编码（须已登记）或排放口编码（不存在时新建）')
    .requiredOption('--password <pw>', '访问密码 PW')
    .option('--edition <edition>', '2005 | 2017 | 2025 | auto（按 Flag 版本位）', 'auto')
    .option('--crc <crc>', 'standard | modbus | modbus-le', 'standard')
    .requiredOption('--interval <seconds>', '预期上报间隔（秒）')
    .option('--name <name>', '设备名称')
    .option(
      '--line-end <mode>',
      'any（长度与 CRC 完整即为一帧，默认）| crlf（必须回车换行）',
      'any',
    )
    .option('--clock-sync <mode>', 'off（默认）| auto（时钟偏差过大时自动下发 1012 校时）', 'off')
    .option('--backfill <mode>', 'auto（缺失小时自动下发 2061 补数，默认）| off', 'auto')
    .option(
      '--aliases <json>',
      '污染物代码别名与单位，如 {"a34004":{"pollutant":"PM2.5","unit":"mg/m3"}}',
    )
    .action(
      async (o: {
        mn: string;
        kind: string;
        target: string;
        password: string;
        edition: string;
        crc: string;
        interval: string;
        name?: string;
        aliases?: string;
        lineEnd: string;
        clockSync: string;
        backfill: string;
      }) => {
        let aliases: unknown;
        if (o.aliases !== undefined) {
          try {
            aliases = JSON.parse(o.aliases) as unknown;
          } catch {
            throw new LantianError('LT_ERR_BAD_DEVICE', 'aliases: --aliases 不是合法的 JSON');
          }
        }
        await withStore(g(), async (db) => {
          const d = await createDevice(
            db,
            systemClock,
            {
              mn: o.mn,
              kind: o.kind,
              target: o.target,
              password: o.password,
              edition: o.edition,
              crc: o.crc,
              intervalS: parseNumber('--interval', o.interval),
              name: o.name ?? null,
              aliases,
              lineEnd: o.lineEnd,
              clockSync: o.clockSync,
              backfill: o.backfill,
            },
            cliActor(),
            idLimits(),
          );
          for (const w of idStandardWarnings(d.mn, d.password)) {
            process.stderr.write(`警告：${w}\n`);
          }
          process.stdout.write(
            `已登记设备 ${d.mn}（${d.kind === 'station' ? '站点' : '排放口'} ${d.target}）\n`,
          );
        });
      },
    );

  device
    .command('list')
    .description('列出已登记的设备')
    .option('--json', '以 JSON 输出')
    .action(async (o: { json?: boolean }) => {
      await withStore(g(), async (db) => {
        const rows = await devices(db);
        if (o.json) {
          const safe = rows.map(({ password: _pw, ...rest }) => rest);
          return void process.stdout.write(JSON.stringify(safe) + '\n');
        }
        for (const d of rows) {
          const last =
            d.last_packet_at === null
              ? '从未上报'
              : `最后上报 ${new Date(d.last_packet_at).toISOString()} CN=${d.last_cn}`;
          process.stdout.write(
            `${d.mn}\t${d.kind}\t${d.target}\t${d.edition}\t${d.crc}\t${d.interval_s}s\t${d.name ?? ''}\t${last}\n`,
          );
        }
      });
    });

  device
    .command('remove <mn>')
    .description('注销设备（已存数据保留）')
    .action(async (mn: string) => {
      await withStore(g(), async (db) => {
        await removeDevice(db, systemClock, mn, cliActor());
        process.stdout.write(`已注销设备 ${mn}\n`);
      });
    });

  device
    .command('quarantine')
    .description(
      '列出被隔离的报文（未登记设备或密码错误；LANTIAN_HJ212_UNKNOWN=quarantine 时保存）',
    )
    .option('--mn <mn>', '只列出该 MN')
    .option('--limit <n>', '最多列出几条', '100')
    .option('--json', '以 JSON 输出')
    .action(async (o: { mn?: string; limit: string; json?: boolean }) => {
      await withStore(g(), async (db) => {
        const rows = await listQuarantine(db, { mn: o.mn, limit: parseNumber('--limit', o.limit) });
        if (o.json) return void process.stdout.write(JSON.stringify(rows) + '\n');
        for (const q of rows) {
          process.stdout.write(
            `${new Date(q.received_at).toISOString()}\t${q.peer}\t${q.mn ?? '-'}\t${q.reason}\t${q.raw}\n`,
          );
        }
      });
    });

  device
    .command('replay <mn>')
    .description(
      '把隔离区中该 MN 的报文按现在的登记重新入库（先登记设备或改正密码）；入库的报文移出隔离区',
    )
    .action(async (mn: string) => {
      await withStore(g(), async (db, config) => {
        const r = await replayQuarantine(
          db,
          systemClock,
          mn,
          cliActor(),
          config.hj212.plausibleRanges,
        );
        const refused = Object.entries(r.refused)
          .map(([k, v]) => `${k} ${v}`)
          .join('，');
        process.stdout.write(
          `隔离报文 ${r.packets} 个：入库 ${r.stored} 个（${r.values} 项数据）${refused ? `，仍被拒绝：${refused}` : ''}\n`,
        );
      });
    });

  registerDeviceCommandCommands(device, g, () => cliActor().actor);
}
