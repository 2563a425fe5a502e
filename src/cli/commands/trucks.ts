/** `lantian trucks …`: heavy-truck remote emission monitoring (vehicle registry). */
import type { Command } from 'commander';
import { systemClock } from '../../clock.ts';
import { LantianError } from '../../errors.ts';
import { listTruckQuarantine } from '../../trucks/quarantine-repo.ts';
import { readTextFile } from '../../imports/text-file.ts';
import { parseVehicleCsv } from '../../trucks/vehicle-csv.ts';
import { createVehicle, importVehicles, vehicles } from '../../trucks/vehicle-service.ts';
import { isOnline } from '../../trucks/vehicle-view.ts';
import { cliActor } from '../cli-actor.ts';
import { withStore, type GlobalOptions } from '../context.ts';
import { parseNumber } from '../options.ts';
import { beijingDayRange } from '../../trucks/beijing-day.ts';
import { recentDays, recomputeDays } from '../../trucks/days/day-job.ts';
import { existsSync } from 'node:fs';
import { openTruckArchive } from '../../trucks/archive/truck-archive.ts';
import { truckArchiveDir } from '../../trucks/archive-job.ts';
import { archiveDetailLoader } from '../../trucks/detail/archive-detail-loader.ts';
import { stderrProgress } from '../progress-bar.ts';
import { registerTruckPlatformCommands } from './trucks-platform.ts';

const STATUS_TEXT = { created: '新增', updated: '更新', rejected: '拒绝' } as const;

/** Registers the trucks commands. */
export function registerTrucksCommands(program: Command): void {
  const g = (): GlobalOptions => program.opts<GlobalOptions>();
  const trucks = program
    .command('trucks')
    .description('重型车远程排放监控：车辆与车载终端登记（GB 17691 附录 Q / HJ 1239）');
  const vehicle = trucks
    .command('vehicle')
    .description('车辆登记：VIN、车牌、排放阶段、所属区县、终端');

  vehicle
    .command('import <file>')
    .description(
      '从 CSV（Excel 另存为 CSV UTF-8）导入车辆登记表；表头 vin,plate,plate_colour,emission_stage,fuel,county' +
        '[,owner,fleet,iccid,chip_id,reply_mode,layout,sign_key]，也可用中文表头（车架号、车牌号、车牌颜色、排放阶段、燃料、区县代码…）；' +
        '已登记的 VIN 会被更新；有被拒绝的行时退出码为 3，其余行照常保存',
    )
    .option('--json', '以 JSON 输出每行结果')
    .action(async (file: string, o: { json?: boolean }) => {
      const csv = parseVehicleCsv(readTextFile(file));
      await withStore(g(), async (db) => {
        const results = [
          ...csv.problems,
          ...(await importVehicles(db, systemClock, csv.rows, cliActor())),
        ].sort((a, b) => a.line - b.line);
        if (o.json) process.stdout.write(JSON.stringify(results) + '\n');
        const count = { created: 0, updated: 0, rejected: 0 };
        for (const r of results) {
          count[r.status]++;
          if (r.status === 'rejected') {
            process.stderr.write(
              `${file}:${r.line} ${r.vin || '—'} [${r.code}] ${r.field ? r.field + '：' : ''}${r.detail}\n`,
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
          throw new LantianError('LT_ERR_VEHICLE_IMPORT_REJECTED', `${count.rejected} 行`);
      });
    });

  vehicle
    .command('add')
    .description('登记一辆车')
    .requiredOption('--vin <vin>', '车辆识别代号（17 位）')
    .requiredOption('--plate <plate>', '车牌号')
    .requiredOption('--plate-colour <colour>', '车牌颜色：黄、蓝、绿、黄绿、白、黑')
    .requiredOption('--stage <stage>', '排放阶段：国三、国四、国五、国六、国六a、国六b')
    .option('--fuel <fuel>', '燃料：柴油、天然气、汽油、混合动力、其他', '柴油')
    .requiredOption('--county <adcode>', '所属区县的行政区划代码（须已登记）')
    .option('--owner <name>', '所属单位或车主')
    .option('--fleet <name>', '车队或服务的重点用车单位')
    .option('--iccid <iccid>', '终端 SIM 卡 ICCID')
    .option('--chip-id <id>', '终端安全芯片 ID')
    .option('--reply-mode <mode>', 'hj（逐条应答）或 gb（只应答校时）', 'hj')
    .option('--layout <layout>', '实时数据布局：hj1239、gb-serial-first、gb-serial-per-block')
    .option('--sign-key <hex>', '终端安全芯片的 SM2 公钥（128 位十六进制），配置后验证签名')
    .action(
      async (o: {
        vin: string;
        plate: string;
        plateColour: string;
        stage: string;
        fuel: string;
        county: string;
        owner?: string;
        fleet?: string;
        iccid?: string;
        chipId?: string;
        replyMode: string;
        layout?: string;
        signKey?: string;
      }) => {
        await withStore(g(), async (db) => {
          const v = await createVehicle(
            db,
            systemClock,
            {
              vin: o.vin,
              plate: o.plate,
              plateColour: o.plateColour,
              emissionStage: o.stage,
              fuel: o.fuel,
              county: o.county,
              owner: o.owner,
              fleet: o.fleet,
              iccid: o.iccid,
              chipId: o.chipId,
              replyMode: o.replyMode,
              layout: o.layout,
              signKey: o.signKey,
            },
            cliActor(),
          );
          process.stdout.write(
            `已登记车辆 ${v.vin}（${v.plate}，${v.emission_stage}，区县 ${v.region_adcode}）\n`,
          );
        });
      },
    );

  vehicle
    .command('list')
    .description('列出已登记的车辆及其最近上报')
    .option('--json', '以 JSON 输出')
    .action(async (o: { json?: boolean }) => {
      await withStore(g(), async (db, config) => {
        const rows = await vehicles(db);
        if (o.json) return void process.stdout.write(JSON.stringify(rows) + '\n');
        const now = systemClock.now();
        for (const v of rows) {
          const s = v.status;
          const last =
            s === null
              ? '从未上报'
              : `${isOnline(s.last_frame_at, now, config.trucks.onlineWindowS) ? '在线' : '离线'}，最后一帧 ${new Date(s.last_frame_at).toISOString()}，记录 ${s.records} 条`;
          process.stdout.write(
            `${v.vin}\t${v.plate}\t${v.plate_colour}\t${v.emission_stage}\t${v.fuel}\t${v.region_adcode}\t${v.reply_mode}\t${v.owner ?? ''}\t${last}\n`,
          );
        }
      });
    });

  registerTruckPlatformCommands(trucks, vehicle, g);

  trucks
    .command('quarantine')
    .description(
      '列出未登记 VIN 发来的报文（每个 VIN 一行：首次、最近、来源、帧数、最后一帧）；登记车辆后即可接入',
    )
    .option('--limit <n>', '最多列出几条', '100')
    .option('--json', '以 JSON 输出')
    .action(async (o: { limit: string; json?: boolean }) => {
      await withStore(g(), async (db) => {
        const rows = await listTruckQuarantine(db, parseNumber('--limit', o.limit));
        if (o.json) return void process.stdout.write(JSON.stringify(rows) + '\n');
        for (const q of rows) {
          process.stdout.write(
            `${q.vin}\t${q.reason}\t${new Date(Number(q.first_at)).toISOString()}\t${new Date(Number(q.last_at)).toISOString()}\t${q.last_peer}\t${q.frames} 帧\t${q.last_raw.slice(0, 64)}…\n`,
          );
        }
      });
    });

  trucks
    .command('days')
    .description(
      '重算车辆日指标（在线、数据完整率、丢包率、里程、油耗、NOx 排放量估算）和时段判定；' +
        '默认重算昨天和今天（北京时间）',
    )
    .option('--day <day>', '只重算这一天（YYYY-MM-DD，北京时间）')
    .option('--json', '以 JSON 输出结果')
    .option('--quiet', '不显示进度')
    .action(async (o: { day?: string; json?: boolean; quiet?: boolean }) => {
      await withStore(g(), async (db, config) => {
        const days = o.day ? [o.day] : recentDays(systemClock.now());
        for (const d of days) beijingDayRange(d);
        // Read-only beside a running `serve`, which owns the archive; no archive yet: metrics only.
        const dir = truckArchiveDir(config.trucks, config.sqlitePath);
        const archive = existsSync(dir)
          ? await openTruckArchive(dir, { retentionDays: config.trucks.archiveDays, readOnly: true })
          : null;
        const r = await recomputeDays(db, systemClock, config.trucks.days, days, {
          loader: archive ? archiveDetailLoader(db, archive, config.trucks.rules) : undefined,
          progress: stderrProgress(o.quiet || o.json),
        }).finally(() => archive?.close());
        if (o.json) return void process.stdout.write(JSON.stringify(r) + '\n');
        process.stdout.write(
          `已重算 ${r.days.join('、')}：车辆日 ${r.vehicleDays} 个，其中在线 ${r.online} 个，判定 ${r.judgements} 条\n`,
        );
      });
    });
}
