/**
 * `lantian simulate`: a fleet of simulated HJ 212 data loggers (air stations and stack CEMS)
 * sending to a platform, for demos and load tests. Progress and summary on stderr in Chinese.
 */
import { createWriteStream, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { EXIT, LantianError } from '../../errors.ts';
import { CRC_VARIANTS, type Hj212Version } from '../../protocols/hj212/index.ts';
import { parseStartTime } from '../../simulator/beijing-time.ts';
import { buildFleet, type FleetKind } from '../../simulator/fleet.ts';
import {
  SIMULATOR_DEFAULTS,
  type SimulatorOptions,
  simulatorOptions,
} from '../../simulator/options.ts';
import { deviceCsv, stationCsv } from '../../simulator/registry-csv.ts';
import { progressLine, summaryText } from '../../simulator/sim-stats.ts';
import { Simulator } from '../../simulator/simulator.ts';
import { sourcesDemoFleet } from '../../demo/sources-fleet.ts';
import { parseChoice, parseNumber } from '../options.ts';

/** Option values as commander hands them over. */
interface RawSimulateOptions {
  devices: string;
  interval: string;
  target?: string;
  kind: string;
  edition: string;
  crc: string;
  ack?: boolean;
  window: string;
  connections?: string;
  splitProb: string;
  glueProb: string;
  duration?: string;
  packets?: string;
  seed: string;
  mnPrefix: string;
  password: string;
  startTime?: string;
  timeScale: string;
  overTime: string;
  reCount: string;
  registryOut?: string;
  stationsOut?: string;
  region: string;
  csvOnly?: boolean;
  ackedLog?: string;
  progress: string;
  json?: boolean;
  sourcesDemo?: boolean;
}

const KINDS: readonly FleetKind[] = ['air', 'cems', 'mixed'];
const EDITIONS: readonly Hj212Version[] = ['2017', '2005', '2025'];
const D = SIMULATOR_DEFAULTS;

/** Registers the simulate command. */
export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description(
      '模拟一批 HJ 212 数采仪（空气站 ST=22、烟气 CEMS ST=31）向平台发送数据：' +
        '等待 9014 应答并按超时重发，随机拆包、粘包，数值有日变化和季节变化（用于演示和压力测试）',
    )
    .option('--devices <N>', '设备数', String(D.devices))
    .option(
      '--interval <秒>',
      '实时数据（空气站 2011）或分钟数据（CEMS 2051）的间隔，模拟时间',
      String(D.intervalS),
    )
    .option(
      '--target <主机:端口>',
      '平台 HJ 212 地址（默认 127.0.0.1:9212，或环境变量 LANTIAN_HJ212_PORT 的端口）',
    )
    .option('--kind <类型>', 'air（空气站）| cems（排口）| mixed（各半）', D.kind)
    .option('--edition <版本>', '协议版本 2017 | 2005 | 2025', D.edition)
    .option('--crc <算法>', 'CRC 算法 standard | modbus | modbus-le', D.crc)
    .option('--ack', '要求平台应答（Flag 的 A 位，默认）')
    .option('--no-ack', '不要求应答，只发送')
    .option('--window <n>', '每台设备最多同时等待应答的报文数', String(D.window))
    .option('--connections <n>', 'TCP 连接数（默认每台设备一个连接）')
    .option('--split-prob <p>', '一帧被拆成两次写入的概率', String(D.splitProb))
    .option('--glue-prob <p>', '多帧粘在一次写入的概率', String(D.glueProb))
    .option('--duration <秒>', '运行时长（墙钟秒），到时停止发送并等待未确认的报文')
    .option('--packets <N>', '共发送 N 个报文（平均分给各设备）后结束')
    .option('--seed <n>', '随机种子（相同种子生成相同的设备和数据）', String(D.seed))
    .option('--mn-prefix <前缀>', 'MN 前缀，后接设备序号', D.mnPrefix)
    .option('--password <PW>', '访问密码', D.password)
    .option(
      '--start-time <ISO>',
      '模拟时钟的起点（不带时区按北京时间；默认现在，倍速大于 1 时默认 7 天前的整点，' +
        '以免模拟时间超前于平台时钟而被拒收）',
    )
    .option(
      '--time-scale <k>',
      '时间倍速：每墙钟秒模拟 k 秒（演示时压缩时间）',
      String(D.timeScale),
    )
    .option(
      '--over-time <秒>',
      '应答超时 OverTime（HJ 212-2017 表 1）',
      String(D.retry.overTimeMs / 1000),
    )
    .option('--re-count <n>', '重发次数 ReCount（HJ 212-2017 表 1）', String(D.retry.reCount))
    .option('--registry-out <文件>', '写出设备登记 CSV（供 lantian device import）')
    .option('--stations-out <文件>', '写出站点 CSV（供 lantian station import）')
    .option('--region <行政区划代码>', '站点 CSV 中的行政区', '130400')
    .option('--csv-only', '只写出 CSV 文件，不发送')
    .option('--acked-log <文件>', '每个已确认的报文写一行 JSON（崩溃测试用）')
    .option('--progress <秒>', '进度输出间隔，0 为不输出', '2')
    .option('--json', '结束时在标准输出打印 JSON 汇总')
    .option(
      '--sources-demo',
      '模拟 demo handan 生成的企业排放口（设备数、MN、密码取自演示企业，含超标、数据恒值、治污设施停运等故障）',
    )
    .action(async (raw: RawSimulateOptions) => {
      process.exitCode = await runSimulate(raw);
    });
}

async function runSimulate(raw: RawSimulateOptions): Promise<number> {
  const o = withDemoFleet(parseSimulateOptions(raw), raw.sourcesDemo === true);
  if (raw.registryOut || raw.stationsOut) {
    const fleet = o.fleet ?? buildFleet(o);
    if (raw.registryOut) writeFileSync(raw.registryOut, deviceCsv(fleet));
    if (raw.stationsOut) writeFileSync(raw.stationsOut, stationCsv(fleet, raw.region, o.seed));
    const air = fleet.filter((d) => d.kind === 'air').length;
    process.stderr.write(
      `已写出 CSV：${fleet.length} 台设备（空气站 ${air}，排口 ${fleet.length - air}）\n`,
    );
  }
  if (raw.csvOnly) return EXIT.ok;

  const log = raw.ackedLog ? createWriteStream(raw.ackedLog) : undefined;
  const sim = new Simulator(
    o,
    log ? { onAcked: (r) => void log.write(JSON.stringify(r) + '\n') } : {},
  );
  process.stderr.write(
    `开始模拟：${o.devices} 台设备 → ${o.host}:${o.port}，间隔 ${o.intervalS} s，倍速 ${o.timeScale}，` +
      `${o.ack ? `等待应答（超时 ${o.retry.overTimeMs / 1000} s，重发 ${o.retry.reCount} 次）` : '不要求应答'}\n`,
  );
  const progressMs = parseNumber('--progress', raw.progress) * 1000;
  const ticker =
    progressMs > 0
      ? setInterval(() => process.stderr.write(progressLine(sim.summary()) + '\n'), progressMs)
      : undefined;
  const onSignal = (): void => {
    process.stderr.write('正在停止：等待未确认的报文…（再按一次 Ctrl-C 立即退出）\n');
    process.once('SIGINT', () => process.exit(EXIT.internal));
    void sim.stop();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  sim.start();
  const summary = await sim.done();
  if (ticker) clearInterval(ticker);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  if (log) await new Promise<void>((resolve) => log.end(() => resolve()));
  process.stderr.write(summaryText(summary, o.ack) + '\n');
  if (raw.json) process.stdout.write(JSON.stringify(summary) + '\n');
  return o.ack && summary.sent > 0 && summary.acked === 0 ? EXIT.unavailable : EXIT.ok;
}

/** With --sources-demo, the demo enterprises' outlets replace the numbered fleet. */
function withDemoFleet(o: SimulatorOptions, demo: boolean): SimulatorOptions {
  if (!demo) return o;
  const fleet = sourcesDemoFleet(o.startMs, o.intervalS);
  return { ...o, fleet, devices: fleet.length, connections: Math.min(o.connections, fleet.length) };
}

/** Checks the command-line values and builds the run's options. */
export function parseSimulateOptions(raw: RawSimulateOptions): SimulatorOptions {
  const devices = integer('--devices', raw.devices, 1, 1_000_000);
  const { host, port } = parseTarget(raw.target);
  const timeScale = range('--time-scale', raw.timeScale, 1e-3, 1e9);
  return simulatorOptions({
    host,
    port,
    devices,
    intervalS: range('--interval', raw.interval, 1, 86_400),
    kind: parseChoice('--kind', raw.kind, KINDS),
    edition: parseChoice('--edition', raw.edition, EDITIONS),
    crc: parseChoice('--crc', raw.crc, CRC_VARIANTS),
    ack: raw.ack ?? true,
    window: integer('--window', raw.window, 1, 1000),
    connections:
      raw.connections === undefined
        ? devices
        : integer('--connections', raw.connections, 1, devices),
    splitProb: range('--split-prob', raw.splitProb, 0, 1),
    glueProb: range('--glue-prob', raw.glueProb, 0, 1),
    durationS: raw.duration === undefined ? undefined : range('--duration', raw.duration, 0, 1e9),
    packets: raw.packets === undefined ? undefined : integer('--packets', raw.packets, 0, 1e12),
    seed: integer('--seed', raw.seed, 0, 2 ** 32 - 1),
    mnPrefix: raw.mnPrefix,
    password: raw.password,
    startMs: raw.startTime === undefined ? defaultStart(timeScale) : parseStartTime(raw.startTime),
    timeScale,
    retry: {
      overTimeMs: range('--over-time', raw.overTime, 0.001, 99) * 1000,
      reCount: integer('--re-count', raw.reCount, 0, 99),
    },
  });
}

/** `host:port`, `[v6]:port` or a bare port; default 127.0.0.1 and LANTIAN_HJ212_PORT or 9212. */
export function parseTarget(value: string | undefined): { host: string; port: number } {
  const envPort = process.env['LANTIAN_HJ212_PORT'];
  const fallback = envPort && /^\d+$/.test(envPort) ? Number(envPort) : D.port;
  if (value === undefined || value === '') return { host: D.host, port: fallback };
  const m = /^(?:\[([^\]]+)\]|([^:]*))(?::(\d{1,5}))?$/.exec(value.trim());
  const host = m?.[1] ?? m?.[2] ?? '';
  const port = m?.[3] === undefined ? Number.NaN : Number(m[3]);
  if (/^\d{1,5}$/.test(value.trim())) return { host: D.host, port: Number(value) };
  if (!m || !(port >= 1 && port <= 65535)) {
    throw new LantianError(
      'LT_ERR_BAD_REQUEST',
      `--target 应为 主机:端口（如 127.0.0.1:9212），收到 "${value}"`,
    );
  }
  return { host: host || D.host, port };
}

/**
 * Default simulated start: now in real time; with a compressed clock a week ago on the hour,
 * because a platform refuses DataTimes far in the future (the simulated clock runs ahead).
 */
function defaultStart(timeScale: number): number {
  const now = Date.now();
  return timeScale <= 1 ? now : Math.floor((now - 7 * 86_400_000) / 3_600_000) * 3_600_000;
}

function range(option: string, value: string, min: number, max: number): number {
  const n = parseNumber(option, value);
  if (n < min || n > max) {
    throw new LantianError(
      'LT_ERR_BAD_REQUEST',
      `${option} 应在 ${min} 到 ${max} 之间，收到 "${value}"`,
    );
  }
  return n;
}

function integer(option: string, value: string, min: number, max: number): number {
  const n = range(option, value, min, max);
  if (!Number.isInteger(n))
    throw new LantianError('LT_ERR_BAD_REQUEST', `${option} 应为整数，收到 "${value}"`);
  return n;
}
