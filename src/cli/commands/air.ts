/** `lantian assess`, `aqi daily` and `aqi hourly`: air-quality figures of a region or station. */
import type { Command } from 'commander';
import type { RegionAssessment } from '../../air/assessment-service.ts';
import { assessRegion } from '../../air/assessment-service.ts';
import { regionDailyAqi, stationDailyAqi, type DailyAqiDay } from '../../air/daily-aqi-service.ts';
import {
  HOURLY_AQI_MAX_DAYS,
  regionHourlyAqi,
  stationHourlyAqi,
  type HourlyAqiHour,
} from '../../air/hourly-aqi-service.ts';
import { LantianError } from '../../errors.ts';
import {
  AQI_EDITIONS,
  roundHalfEven,
  type AqiEdition,
  type Editions,
} from '../../standards/index.ts';
import { withStore, type GlobalOptions } from '../context.ts';
import { parseEdition } from '../options.ts';
import { percentText } from '../percent-text.ts';

interface RangeOptions {
  from?: string;
  to?: string;
  year?: string;
}

/**
 * Resolves --from/--to/--year into a range: a year means its whole calendar year and goes alone;
 * otherwise both ends are needed.
 */
export function resolveRange(o: RangeOptions): { from: string; to: string } {
  if (o.year !== undefined) {
    if (o.from !== undefined || o.to !== undefined)
      throw new LantianError('LT_ERR_USAGE', '--year 不能与 --from、--to 同时使用');
    if (!/^\d{4}$/.test(o.year))
      throw new LantianError(
        'LT_ERR_BAD_REQUEST',
        `--year 应为 4 位年份，如 2016，收到 "${o.year}"`,
      );
    return { from: `${o.year}-01-01`, to: `${o.year}-12-31` };
  }
  const missing = [o.from === undefined && '--from', o.to === undefined && '--to'].filter(Boolean);
  if (missing.length)
    throw new LantianError(
      'LT_ERR_USAGE',
      `缺少 ${missing.join(' 和 ')}（时段用 --from 和 --to，整年用 --year）`,
    );
  return { from: o.from!, to: o.to! };
}

const NAMES: Readonly<Record<string, string>> = {
  'PM2.5': 'PM2.5',
  PM10: 'PM10',
  SO2: 'SO2',
  NO2: 'NO2',
  CO: 'CO',
  O3_8h: 'O3-8h',
  O3_1h: 'O3-1h',
};
const REASONS: Readonly<Record<string, string>> = {
  no_data: '无监测数据',
  missing_indicator: '缺少指标',
  too_few_stations: '有效站点不足',
};
const MISSING: Readonly<Record<string, string>> = {
  no_value: '无有效值',
  too_few_stations: '有效站点不足',
};
const POLICIES: Readonly<Record<string, string>> = {
  withhold: '不发布',
  'publish-above-100': '大于 100 时发布',
  publish: '照常发布',
};
/** Excluded days listed one by one in the text report (all of them are in --json). */
const LISTED_EXCLUSIONS = 10;

function name(key: string): string {
  return NAMES[key] ?? key;
}

/** The lines saying which days were left out of the day counts and why. */
function exclusionLines(a: RegionAssessment): string[] {
  const x = a.days.excluded;
  const lines: string[] = [];
  if (x.total > 0) {
    const reasons = Object.entries(x.byReason)
      .filter(([, n]) => n > 0)
      .map(([r, n]) => `${REASONS[r] ?? r} ${n} 天`);
    const indicators = Object.entries(x.byIndicator)
      .sort((p, q) => q[1] - p[1])
      .map(([k, n]) => `${name(k)} ${n} 天`);
    lines.push(
      `  未计入有效天数 ${x.total} 天：${reasons.join('，')}${indicators.length ? `（缺少的指标：${indicators.join('、')}）` : ''}`,
    );
    const listed = x.days.slice(0, LISTED_EXCLUSIONS).map((d) => {
      const why = Object.entries(d.missing)
        .filter(() => d.reason !== 'no_data')
        .map(([k, m]) => `${name(k)}${MISSING[m] ?? m}`);
      return `${d.date}（${why.length ? why.join('、') : REASONS[d.reason]}）`;
    });
    const more = x.total > LISTED_EXCLUSIONS ? ` 等（全部见 --json）` : '';
    lines.push(`    ${listed.join('，')}${more}`);
  }
  if (a.days.incompleteCounted > 0)
    lines.push(
      `  其中 ${a.days.incompleteCounted} 天指标不全但 AQI 大于 100 已发布，计入有效天数（级别为下限）`,
    );
  lines.push(
    `  完整性规则：城市日均值需至少 ${roundHalfEven(a.rules.minStationShare * 100, 1)}% 的站点有效；指标不全时 AQI ${POLICIES[a.rules.incompleteAqi] ?? a.rules.incompleteAqi}，${a.rules.countIncompleteDays ? '已发布的计入' : '不计入'}有效天数`,
  );
  return lines;
}
const STAT_NAMES: Readonly<Record<string, string>> = {
  mean: '平均浓度',
  p98: '第98百分位数',
  p95: '第95百分位数',
  p90: '日最大8小时平均第90百分位数',
};

/** The Chinese text report of an assessment. */
export function formatAssessment(a: RegionAssessment): string {
  const lines = [
    `${a.region.name}（${a.region.adcode}）环境空气质量评价  ${a.from} 至 ${a.to}`,
    `依据：${a.edition.assessment}，AQI ${a.edition.aqi}，限值 ${a.edition.limits}，综合指数 ${a.edition.compositeIndex} 规则`,
    `参与评价站点 ${a.stations.length} 个：${a.stations.join('、')}`,
    '',
  ];
  for (const [key, stats] of Object.entries(a.pollutants)) {
    const unit = key === 'CO' ? 'mg/m³' : 'µg/m³';
    const parts = Object.entries(stats).map(([s, v]) => `${STAT_NAMES[s]} ${v ?? '—'}`);
    lines.push(
      `  ${name(key)}：${parts.join('，')} ${unit}（有效天数 ${a.validDays[key as keyof typeof a.validDays]}）`,
    );
  }
  const d = a.days;
  lines.push(
    '',
    `  有效天数 ${d.valid}/${d.total}，优良天数 ${d.good}，优良率 ${percentText(d.goodRate)}，重度及以上污染 ${d.heavy} 天`,
    ...exclusionLines(a),
    `  各级别天数：${Object.entries(d.byLevel)
      .map(([k, v]) => `${k} ${v}`)
      .join('，')}`,
    `  综合指数 ${a.compositeIndex ?? '—'}；达标情况：${
      a.attainment.meets === true
        ? '六项全部达标'
        : a.attainment.meets === false
          ? `未达标（${Object.entries(a.attainment.byPollutant)
              .filter(([, m]) => m === false)
              .map(([k]) => k)
              .join('、')}）`
          : '数据不足'
    }`,
  );
  if (!a.countRule.meets)
    lines.push('  注意：有效数据天数未满足 GB 3095 表 4 的统计要求，结果仅供参考');
  return lines.join('\n');
}

/** The --edition of an AQI listing, once exactly one of --region and --station is given. */
function aqiEdition(o: {
  region?: string;
  station?: string;
  edition?: string;
}): AqiEdition | undefined {
  if (!o.region === !o.station)
    throw new LantianError('LT_ERR_BAD_REQUEST', '需要 --region 或 --station 其中之一');
  return o.edition ? parseEdition<AqiEdition>('--edition', o.edition, AQI_EDITIONS) : undefined;
}

/** Whose AQI a listing shows: the region or the station, named with its code. */
function aqiSubject(
  r: { region: { name: string; adcode: string } } | { station: { name: string; code: string } },
): string {
  return 'region' in r
    ? `${r.region.name}（${r.region.adcode}）`
    : `${r.station.name}（${r.station.code}）`;
}

/** Marks an AQI row with missing indicators: which ones, and the unpublished partial AQI. */
function incompleteNote(d: {
  complete: boolean;
  missing: string[];
  aqi: number | null;
  partialAqi: number | null;
}): string {
  if (d.complete) return '';
  const partial =
    d.aqi === null && d.partialAqi !== null ? `，现有指标 AQI ${d.partialAqi} 不发布` : '';
  return `\t（数据不全：缺 ${d.missing.map(name).join('、')}${partial}）`;
}

/** Names of the real-time report's indicators in the text table. */
const HOURLY_NAMES: Readonly<Record<string, string>> = {
  SO2_1h: 'SO2',
  NO2_1h: 'NO2',
  CO_1h: 'CO',
  O3_1h: 'O3',
  PM10_1h: 'PM10',
  'PM2.5_1h': 'PM2.5',
  O3_8h: 'O3-8h',
  PM10_24h: 'PM10-24h',
  'PM2.5_24h': 'PM2.5-24h',
  SO2_24h: 'SO2-24h',
};

/** Resolves --date or --from/--to of `aqi hourly` into a range of local dates. */
export function resolveHourRange(o: { date?: string; from?: string; to?: string }): {
  from: string;
  to: string;
} {
  if (o.date !== undefined) {
    if (o.from !== undefined || o.to !== undefined)
      throw new LantianError('LT_ERR_BAD_RANGE', '--date 不能与 --from/--to 同时使用');
    return { from: o.date, to: o.date };
  }
  if (!o.from || !o.to)
    throw new LantianError('LT_ERR_BAD_RANGE', '需要 --date，或 --from 和 --to');
  return { from: o.from, to: o.to };
}

function formatHour(h: HourlyAqiHour): string {
  const primary = h.primary.length ? h.primary.map((k) => HOURLY_NAMES[k] ?? k).join('、') : '—';
  const note = h.complete
    ? ''
    : `\t（数据不全：缺 ${h.missing.map((k) => HOURLY_NAMES[k] ?? k).join('、')}${
        h.aqi === null && h.partialAqi !== null ? `，现有指标 AQI ${h.partialAqi} 不发布` : ''
      }）`;
  const time = `${h.time.slice(0, 10)} ${h.time.slice(11, 16)}`;
  return `${time}\t${h.aqi ?? '—'}\t${h.category ?? '—'}\t${primary}\t${h.edition}${note}`;
}

function formatDay(d: DailyAqiDay): string {
  const primary = d.primary.length ? d.primary.join('、') : '—';
  return `${d.date}\t${d.aqi ?? '—'}\t${d.category ?? '—'}\t${primary}\t${d.edition}${incompleteNote(d)}`;
}

/** Registers assess and aqi commands. */
export function registerAirCommands(program: Command): void {
  const g = (): GlobalOptions => program.opts<GlobalOptions>();
  program
    .command('assess')
    .description('按 HJ 663 评价行政区的环境空气质量（年、季、月或任意时段）')
    .requiredOption('--region <adcode>', '行政区划代码，如 110000')
    .option('--from <date>', '起始日期 YYYY-MM-DD（含）')
    .option('--to <date>', '结束日期 YYYY-MM-DD（含）')
    .option('--year <yyyy>', '整年评价（等同 --from yyyy-01-01 --to yyyy-12-31）')
    .option(
      '--aqi-edition <edition>',
      `AQI 标准版本（${AQI_EDITIONS.join(' | ')}），默认按日期选择`,
    )
    .option('--json', '以 JSON 输出')
    .action(async (o: RangeOptions & { region: string; aqiEdition?: string; json?: boolean }) => {
      const { from, to } = resolveRange(o);
      const editions: Partial<Editions> = {};
      if (o.aqiEdition)
        editions.aqi = parseEdition<AqiEdition>('--aqi-edition', o.aqiEdition, AQI_EDITIONS);
      await withStore(g(), async (db, config) => {
        const a = await assessRegion(db, o.region, from, to, { editions, rules: config.air });
        process.stdout.write((o.json ? JSON.stringify(a) : formatAssessment(a)) + '\n');
      });
    });
  const aqi = program.command('aqi').description('空气质量指数');
  aqi
    .command('daily')
    .description('逐日 AQI（HJ 633 日报），含首要污染物')
    .option('--region <adcode>', '行政区划代码')
    .option('--station <code>', '站点编码（与 --region 二选一）')
    .option('--from <date>', '起始日期 YYYY-MM-DD')
    .option('--to <date>', '结束日期 YYYY-MM-DD')
    .option('--year <yyyy>', '整年')
    .option('--edition <edition>', `AQI 标准版本（${AQI_EDITIONS.join(' | ')}），默认按日期选择`)
    .option('--json', '以 JSON 输出')
    .action(
      async (
        o: RangeOptions & { region?: string; station?: string; edition?: string; json?: boolean },
      ) => {
        const { from, to } = resolveRange(o);
        const edition = aqiEdition(o);
        await withStore(g(), async (db, config) => {
          const r = o.region
            ? await regionDailyAqi(db, o.region, from, to, edition, config.air)
            : await stationDailyAqi(db, o.station!, from, to, edition, config.air);
          if (o.json) return void process.stdout.write(JSON.stringify(r) + '\n');
          const title = aqiSubject(r);
          process.stdout.write(
            `${title} 逐日 AQI ${from} 至 ${to}\n日期\tAQI\t类别\t首要污染物\t标准\n`,
          );
          for (const d of r.days) process.stdout.write(formatDay(d) + '\n');
        });
      },
    );
  aqi
    .command('hourly')
    .description('逐时 AQI（HJ 633 实时报），含首要污染物；时间为小时开始')
    .option('--region <adcode>', '行政区划代码（参与考核站点的平均）')
    .option('--station <code>', '站点编码（与 --region 二选一）')
    .option('--date <date>', '日期 YYYY-MM-DD（一天 24 小时）')
    .option('--from <date>', '起始日期 YYYY-MM-DD')
    .option('--to <date>', `结束日期 YYYY-MM-DD（最长 ${HOURLY_AQI_MAX_DAYS} 天）`)
    .option('--edition <edition>', `AQI 标准版本（${AQI_EDITIONS.join(' | ')}），默认按日期选择`)
    .option('--json', '以 JSON 输出')
    .action(
      async (o: {
        region?: string;
        station?: string;
        date?: string;
        from?: string;
        to?: string;
        edition?: string;
        json?: boolean;
      }) => {
        const { from, to } = resolveHourRange(o);
        const edition = aqiEdition(o);
        await withStore(g(), async (db, config) => {
          const r = o.region
            ? await regionHourlyAqi(db, o.region, from, to, edition, config.air)
            : await stationHourlyAqi(db, o.station!, from, to, edition, config.air);
          if (o.json) return void process.stdout.write(JSON.stringify(r) + '\n');
          const title = aqiSubject(r);
          process.stdout.write(
            `${title} 逐时 AQI ${from} 至 ${to}（${r.timeZone}，时间为小时开始）\n时间\tAQI\t类别\t首要污染物\t标准\n`,
          );
          for (const h of r.hours) process.stdout.write(formatHour(h) + '\n');
        });
      },
    );
}
