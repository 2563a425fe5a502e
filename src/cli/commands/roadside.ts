/**
 * `lantian roadside`: imports of remote-sensing, black-smoke and roadside-check records and of
 * inspection-station records from .csv/.xlsx files (the formats of docs/mobile-sources.md, with
 * a progress bar while records are stored), and the monthly station notice written as PDF and
 * Excel. The local operator acts as the city office.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import type { Principal } from '../../auth/principal.ts';
import { systemClock } from '../../clock.ts';
import { isLantianError, LantianError } from '../../errors.ts';
import { importInspections } from '../../roadside/inspection-import-service.ts';
import { cityName, monthlyRanking } from '../../roadside/ranking-service.ts';
import { importRecords } from '../../roadside/record-import-service.ts';
import { roadsideConfigFromEnv } from '../../roadside/roadside-config.ts';
import { stationNoticePdf } from '../../roadside/station-notice-pdf.ts';
import { stationNoticeXlsx } from '../../roadside/station-notice-sheet.ts';
import { cliActor } from '../cli-actor.ts';
import { withStore, type GlobalOptions } from '../context.ts';
import { stderrProgress } from '../progress-bar.ts';

const OPERATOR: Principal = {
  userId: 0,
  username: 'cli',
  displayName: '本机操作员',
  role: 'city-admin',
  via: 'session',
  mustChangePassword: false,
};

/** Prints the rows an import refused (row, column, code, detail) before the error itself. */
async function listingRows<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isLantianError(e, 'LT_ERR_IMPORT_REJECTED')) {
      const issues = (e.extra?.['issues'] ?? []) as Array<{
        row: number;
        column: string | null;
        code: string;
        detail: string;
      }>;
      for (const i of issues)
        process.stderr.write(
          `第 ${i.row} 行${i.column ? `【${i.column}】` : ''} ${i.code}：${i.detail}\n`,
        );
    }
    throw e;
  }
}

function readInput(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    throw new LantianError('LT_ERR_FILE_NOT_FOUND', file);
  }
}

/** Registers `roadside`. */
export function registerRoadsideCommands(program: Command): void {
  const g = (): GlobalOptions => program.opts<GlobalOptions>();
  const cmd = program
    .command('roadside')
    .description('遥感监测、黑烟抓拍、路检路查：导入与月度溯源通报');
  cmd
    .command('import-records')
    .description(
      '导入监测记录（.csv 或 .xlsx，格式见 docs/mobile-sources.md）；有错误行则整个文件不导入',
    )
    .argument('<file>', '文件')
    .option('--json', '以 JSON 输出结果')
    .option('-q, --quiet', '不显示进度')
    .action(async (file: string, o: { json?: boolean; quiet?: boolean }) => {
      await withStore(g(), async (db, config) => {
        const r = await listingRows(() =>
          importRecords(
            db,
            systemClock,
            roadsideConfigFromEnv(process.env),
            config.tasks,
            OPERATOR,
            cliActor(),
            basename(file),
            readInput(file),
            stderrProgress(o.quiet),
          ),
        );
        process.stdout.write(
          o.json
            ? JSON.stringify(r) + '\n'
            : `导入 ${r.created} 条（共 ${r.rows} 行，重复 ${r.duplicates} 条，超标 ${r.failed} 条）\n`,
        );
      });
    });
  cmd
    .command('import-inspections')
    .description('导入排放检验机构的检验记录（.csv 或 .xlsx）；有错误行则整个文件不导入')
    .argument('<file>', '文件')
    .option('--json', '以 JSON 输出结果')
    .action(async (file: string, o: { json?: boolean }) => {
      await withStore(g(), async (db, config) => {
        const r = await importInspections(
          db,
          systemClock,
          config.tasks,
          cliActor(),
          basename(file),
          readInput(file),
        );
        process.stdout.write(
          o.json
            ? JSON.stringify(r) + '\n'
            : `导入检验记录 ${r.rows} 条（新增 ${r.created}，更新 ${r.updated}）\n`,
        );
      });
    });
  cmd
    .command('notice')
    .description('生成某月超标车辆溯源检验机构通报（PDF 与 Excel）')
    .requiredOption('--month <YYYY-MM>', '月份（北京时间）')
    .option('--out <dir>', '输出目录', '.')
    .action(async (o: { month: string; out: string }) => {
      await withStore(g(), async (db) => {
        const ranking = await monthlyRanking(db, roadsideConfigFromEnv(process.env), o.month);
        const city = await cityName(db);
        const today = new Date(systemClock.now() + 8 * 3_600_000).toISOString().slice(0, 10);
        const base = join(o.out, `检验机构溯源通报-${o.month}`);
        writeFileSync(`${base}.pdf`, await stationNoticePdf(ranking, city, today));
        writeFileSync(`${base}.xlsx`, await stationNoticeXlsx(ranking, city));
        process.stdout.write(
          `${o.month}：超标车辆 ${ranking.vehicles} 辆，溯源 ${ranking.traced} 辆；已写入 ${base}.pdf、${base}.xlsx\n`,
        );
      });
    });
}
