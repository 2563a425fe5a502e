/**
 * `lantian warning grade`: grades a daily forecast read from stdin under the 2019 or 2024
 * warning rules (src/standards/warning) and prints the recommended level with its reason, in
 * Chinese or as JSON. Needs no store.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { LantianError } from '../../errors.ts';
import { refuseNul } from '../../nul-character.ts';
import {
  DEFAULT_WARNING_CONFIG,
  RESPONSE_KIND_NAMES,
  WARNING_EDITIONS,
  WARNING_LEVEL_NAMES,
  WARNING_MEASURE_NAMES,
  gradeForecast,
  levelText,
  localRuleIssues,
  monthDay,
  resolveWarningRules,
  validateForecast,
  warningSettingsFor,
  type DailyAqiBasis,
  type LocalRuleSet,
  type WarningEdition,
  type WarningGrade,
  type WarningSettings,
} from '../../standards/warning/index.ts';
import { parseChoice, parseNumber } from '../options.ts';
import { registerEpisodeCommands } from './warning-episode.ts';
import { registerForecastCommands } from './warning-forecast.ts';
import { registerListCommands } from './warning-list.ts';

/** Largest forecast accepted on stdin (a 31-day forecast is a few kilobytes). */
export const MAX_FORECAST_BYTES = 1 << 20;

const out = (s: string): void => {
  process.stdout.write(s + '\n');
};

/** Reads stdin to the end, refusing more than `limit` bytes. */
async function readStdin(limit: number): Promise<string> {
  if (process.stdin.isTTY)
    throw new LantianError('LT_ERR_FORECAST_INVALID', '请通过标准输入提供预报 JSON');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > limit) {
      process.stdin.destroy();
      throw new LantianError('LT_ERR_FORECAST_TOO_LONG', `标准输入超过 ${limit} 字节`);
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(
  text: string,
  what: string,
  code: 'LT_ERR_FORECAST_INVALID' | 'LT_ERR_WARNING_RULES_INVALID',
): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new LantianError(code, `${what}不是有效的 JSON：${(e as Error).message}`);
  }
  refuseNul(value, what);
  return value;
}

/** A local rule set from a JSON file, checked. */
function readLocalRules(path: string): LocalRuleSet {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new LantianError('LT_ERR_FILE_NOT_FOUND', path);
  }
  const value = parseJson(text, path, 'LT_ERR_WARNING_RULES_INVALID');
  const issues = localRuleIssues(value);
  if (issues.length > 0)
    throw new LantianError(
      'LT_ERR_WARNING_RULES_INVALID',
      issues.map((i) => `${i.path || '（根）'} ${i.detail}`).join('；'),
      { issues },
    );
  return value as LocalRuleSet;
}

/** The --edition value, or LT_ERR_BAD_EDITION. */
function editionOf(value: string): WarningEdition {
  if ((WARNING_EDITIONS as readonly string[]).includes(value)) return value as WarningEdition;
  throw new LantianError('LT_ERR_BAD_EDITION', `--edition 只能是 2019 或 2024，收到 "${value}"`);
}

/** Options of `warning grade`. */
interface GradeOptions {
  edition?: string;
  json?: boolean;
  localRules?: string;
  leadDays?: string;
  mergeGapHours?: string;
  dailyAqi?: string;
}

function wholeNumber(option: string, v: string): number {
  const n = parseNumber(option, v);
  if (!Number.isInteger(n) || n < 0 || n > 744)
    throw new LantianError('LT_ERR_BAD_REQUEST', `${option} 应为 0–744 的整数，收到 "${v}"`);
  return n;
}

/** The region's settings with the command-line overrides. */
function settingsOf(region: string | null, o: GradeOptions): WarningSettings {
  const s = warningSettingsFor(DEFAULT_WARNING_CONFIG, region);
  return {
    ...s,
    ...(o.localRules ? { localRules: readLocalRules(o.localRules) } : {}),
    ...(o.leadDays !== undefined
      ? { requiredLeadDays: wholeNumber('--lead-days', o.leadDays) }
      : {}),
    ...(o.mergeGapHours !== undefined
      ? { mergeGapHours: wholeNumber('--merge-gap-hours', o.mergeGapHours) }
      : {}),
    ...(o.dailyAqi !== undefined
      ? {
          dailyAqiBasis: parseChoice<DailyAqiBasis>('--daily-aqi', o.dailyAqi, [
            'rolling-24h',
            'natural-day',
          ]),
        }
      : {}),
  };
}

/** The JSON answer: the documented fields first, then the details. */
export function gradeJson(g: WarningGrade): Record<string, unknown> {
  const { edition, level, response, reason, from, to, ...rest } = g;
  return { edition, level, response, reason, from, to, ...rest };
}

/** The grading in Chinese, for people. */
export function gradeText(g: WarningGrade, title: string, regionName: string | null): string[] {
  const lines: string[] = [];
  const region = g.region ? `${regionName ?? ''}（${g.region}）` : '';
  lines.push(
    `${region}重污染天气预警分级，依据 ${g.document}（${title}）${g.localRules ? `，叠加本地规则 ${g.localRules}` : ''}`,
  );
  lines.push(
    `预报期：${g.forecastFrom} 至 ${g.forecastTo}${g.issued ? `，发布于 ${g.issued}` : ''}`,
  );
  const advice = g.response === 'advice';
  const headline =
    g.level !== 'none'
      ? levelText(g.level)
      : advice
        ? `不启动分级预警（浓度达到${WARNING_LEVEL_NAMES[g.thresholdLevel]}条件）`
        : WARNING_LEVEL_NAMES.none;
  lines.push(`建议：${headline}；应对：${RESPONSE_KIND_NAMES[g.response]}`);
  if (g.from && g.to) lines.push(`时段：${g.from} 至 ${g.to}`);
  lines.push(`理由：${g.reason}`);
  if (g.measures.length > 0)
    lines.push(`措施：${g.measures.map((m) => WARNING_MEASURE_NAMES[m]).join('、')}`);
  if (g.episodes.length > 1) {
    lines.push('各污染过程：');
    for (const e of g.episodes)
      lines.push(
        `  ${e.from} 至 ${e.to}  ${e.level === 'none' ? `健康提示（浓度达到${WARNING_LEVEL_NAMES[e.thresholdLevel]}条件）` : WARNING_LEVEL_NAMES[e.level]}  峰值 AQI ${e.peak.aqi}（${monthDay(e.peak.date)}）`,
      );
  }
  for (const n of g.notes) lines.push(`说明：${n}`);
  return lines;
}

/** Registers the warning commands. */
export function registerWarningCommands(program: Command): void {
  const warning = program
    .command('warning')
    .description('重污染天气预警：按预报分级；预报导入、版本与查看；预警过程；减排清单');
  registerForecastCommands(warning, program);
  registerEpisodeCommands(warning, program);
  registerListCommands(warning, program);
  warning
    .command('grade')
    .description(
      '从标准输入读取逐日预报 JSON（{"region":"130400","issued":"2020-11-30","days":[{"date":"2020-12-01","aqi":215,"primary":"PM2.5"},…]}），给出建议预警级别和理由',
    )
    .option(
      '--edition <edition>',
      '分级标准：2019（环办大气函〔2019〕648号）或 2024（环大气〔2024〕6号）；默认按地区配置和预报日期',
    )
    .option('--local-rules <file>', '叠加的本地预警规则（JSON 文件）')
    .option('--lead-days <n>', '要求的提前天数（默认按地区配置，邯郸 3 天）')
    .option('--merge-gap-hours <h>', '两次过程间隔小于该小时数时按一次过程（默认 36，未核实）')
    .option(
      '--daily-aqi <basis>',
      '日AQI口径：rolling-24h（连续24小时，默认）或 natural-day（自然日）',
    )
    .option('--json', '以 JSON 输出')
    .action(async (o: GradeOptions) => {
      const edition = o.edition === undefined ? null : editionOf(o.edition);
      const value = parseJson(
        await readStdin(MAX_FORECAST_BYTES),
        '标准输入',
        'LT_ERR_FORECAST_INVALID',
      );
      const v = validateForecast(value);
      if (!v.ok) {
        const first = v.issues[0]!;
        throw new LantianError(
          first.code,
          v.issues.map((i) => `${i.path ? `${i.path}：` : ''}${i.detail}`).join('；'),
          { issues: v.issues },
        );
      }
      const f = v.forecast;
      const settings = settingsOf(f.region, o);
      const resolved = resolveWarningRules(settings, f.issued ?? f.days[0]!.date, edition);
      const g = gradeForecast(f, resolved);
      if (o.json) return out(JSON.stringify(gradeJson(g), null, 2));
      const name = f.region ? (DEFAULT_WARNING_CONFIG.regions[f.region]?.name ?? null) : null;
      for (const line of gradeText(g, resolved.spec.title, name)) out(line);
    });
}
