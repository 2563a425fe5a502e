/** `lantian region …` and `lantian station …`: the registry of regions and monitoring stations. */
import type { Command } from 'commander';
import { registerRegion, registerStations } from '../../air/registry-service.ts';
import { listRegions } from '../../air/region-repo.ts';
import { listStations, type StationInput } from '../../air/station-repo.ts';
import { systemClock } from '../../clock.ts';
import { LantianError } from '../../errors.ts';
import { parseCsvLine } from '../../imports/csv-line.ts';
import { readTextFile, splitLines } from '../../imports/text-file.ts';
import { withStore, type GlobalOptions } from '../context.ts';
import { parseNumber } from '../options.ts';

/** Reads a station registry CSV: code,name,region,kind,lon,lat,pollutants[,role]. */
export function readStationCsv(path: string): StationInput[] {
  const { lines } = splitLines(readTextFile(path));
  const head = parseCsvLine(lines[0] ?? '');
  const want = ['code', 'name', 'region', 'kind', 'lon', 'lat', 'pollutants'];
  if (!head.ok || !want.every((w) => head.fields.includes(w))) {
    throw new LantianError('LT_ERR_CSV_HEADER', `应包含 ${want.join(',')}[,role]`);
  }
  const col = (f: string[], n: string): string => (f[head.fields.indexOf(n)] ?? '').trim();
  const out: StationInput[] = [];
  lines.slice(1).forEach((l, i) => {
    if (!l.trim()) return;
    const p = parseCsvLine(l);
    if (!p.ok || p.fields.length !== head.fields.length)
      throw new LantianError('LT_ERR_CSV_HEADER', `第 ${i + 2} 行列数不对`);
    const num = (n: string): number | null =>
      col(p.fields, n) === '' ? null : parseNumber(`${n}（第 ${i + 2} 行）`, col(p.fields, n));
    out.push({
      code: col(p.fields, 'code'),
      name: col(p.fields, 'name'),
      regionAdcode: col(p.fields, 'region'),
      kind: col(p.fields, 'kind'),
      role: col(p.fields, 'role') || 'assessment',
      lon: num('lon'),
      lat: num('lat'),
      pollutants: col(p.fields, 'pollutants').split(/[;|]/).filter(Boolean),
    });
  });
  return out;
}

/** Registers region and station commands. */
export function registerRegistryCommands(program: Command): void {
  const g = (): GlobalOptions => program.opts<GlobalOptions>();
  const region = program.command('region').description('行政区管理');
  region
    .command('list')
    .description('列出行政区')
    .option('--json', '以 JSON 输出')
    .action(async (o: { json?: boolean }) => {
      await withStore(g(), async (db) => {
        const rows = await listRegions(db);
        if (o.json) return void process.stdout.write(JSON.stringify(rows) + '\n');
        for (const r of rows)
          process.stdout.write(
            `${r.adcode}\t${r.name}\t${r.level}\t上级 ${r.parent_adcode ?? '—'}\t${r.time_zone}\n`,
          );
      });
    });
  region
    .command('add')
    .description('新增或修改行政区')
    .requiredOption('--adcode <adcode>', '6 位行政区划代码（功能区用统计用区划代码）')
    .requiredOption('--name <name>', '名称')
    .option('--parent <adcode>', '上级行政区划代码')
    .option('--level <level>', 'province | city | county | zone', 'county')
    .option('--time-zone <tz>', '时区', 'Asia/Shanghai')
    .action(
      async (o: {
        adcode: string;
        name: string;
        parent?: string;
        level: string;
        timeZone: string;
      }) => {
        await withStore(g(), async (db) => {
          await registerRegion(db, systemClock, {
            adcode: o.adcode,
            name: o.name,
            parentAdcode: o.parent ?? null,
            level: o.level,
            timeZone: o.timeZone,
          });
          process.stdout.write(`已保存行政区 ${o.adcode} ${o.name}\n`);
        });
      },
    );

  const station = program.command('station').description('监测站点管理');
  station
    .command('list')
    .description('列出站点')
    .option('--region <adcode>', '只列出该行政区的站点')
    .option('--json', '以 JSON 输出')
    .action(async (o: { region?: string; json?: boolean }) => {
      await withStore(g(), async (db) => {
        const rows = await listStations(db, o.region ? [o.region] : undefined);
        if (o.json) return void process.stdout.write(JSON.stringify(rows) + '\n');
        for (const s of rows)
          process.stdout.write(
            `${s.code}\t${s.name}\t${s.region_adcode}\t${s.kind}\t${s.role}\t${s.lon ?? ''},${s.lat ?? ''}\n`,
          );
      });
    });
  station
    .command('add')
    .description('新增或修改站点')
    .requiredOption('--code <code>', '站点编码')
    .requiredOption('--name <name>', '站点名称')
    .requiredOption('--region <adcode>', '所在行政区')
    .option('--kind <kind>', '国控 | 省控 | 县控 | 乡镇 | 微站 | 其他', '国控')
    .option(
      '--role <role>',
      'assessment（参与考核）| reference（对照点）| micro（微站）',
      'assessment',
    )
    .option('--lon <lon>', '经度（WGS-84）')
    .option('--lat <lat>', '纬度（WGS-84）')
    .option('--pollutants <list>', '监测项目，逗号分隔', 'SO2,NO2,PM10,PM2.5,CO,O3')
    .action(
      async (o: {
        code: string;
        name: string;
        region: string;
        kind: string;
        role: string;
        lon?: string;
        lat?: string;
        pollutants: string;
      }) => {
        await withStore(g(), async (db) => {
          await registerStations(db, systemClock, [
            {
              code: o.code,
              name: o.name,
              regionAdcode: o.region,
              kind: o.kind,
              role: o.role,
              lon: o.lon === undefined ? null : parseNumber('--lon', o.lon),
              lat: o.lat === undefined ? null : parseNumber('--lat', o.lat),
              pollutants: o.pollutants
                .split(',')
                .map((p) => p.trim())
                .filter(Boolean),
            },
          ]);
          process.stdout.write(`已保存站点 ${o.code} ${o.name}\n`);
        });
      },
    );
  station
    .command('import')
    .description(
      '从 CSV 批量登记站点（列：code,name,region,kind,lon,lat,pollutants[,role]，污染物以分号分隔）',
    )
    .argument('<file>', 'CSV 文件')
    .action(async (file: string) => {
      await withStore(g(), async (db) => {
        const ids = await registerStations(db, systemClock, readStationCsv(file));
        process.stdout.write(`已登记站点 ${ids.size} 个\n`);
      });
    });
}
