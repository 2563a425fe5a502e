/**
 * `lantian simulate-trucks`: a fleet of simulated GB 17691 / HJ 1239 on-board terminals driving
 * realistic trips against the truck listener (docs/trucks.md "Simulator"). Models in
 * src/trucks/simulator/ (pure), sockets in truck-driver.ts. Progress on stderr in Chinese, a
 * summary at the end (frames sent, replies, p99 reply latency).
 */
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { LantianError } from '../../errors.ts';
import { truckRegistryCsv } from '../../trucks/simulator/registry-csv.ts';
import { driveTrucks, type TruckDriveSummary } from '../../trucks/simulator/truck-driver.ts';
import { buildTruckFleet, type SimLayoutChoice } from '../../trucks/simulator/truck-fleet.ts';
import { parseChoice, parseNumber } from '../options.ts';

interface RawOptions {
  vehicles: string;
  target?: string;
  duration: string;
  faultyShare: string;
  tamperShare: string;
  layout: string;
  register?: string;
  county: string;
  seed: string;
  viaPlatform: string;
  platformUser?: string;
  platformPassword?: string;
  disconnectProb: string;
  forceDisconnect?: string;
  progress: string;
  json?: boolean;
  ackedLog?: string;
}

const LAYOUTS: readonly SimLayoutChoice[] = ['hj', 'gb1', 'gb10', 'mix'];
/** File descriptors kept free besides the trucks' connections (stdio, the event loop, files). */
const FD_RESERVE = 64;

/** Registers the simulate-trucks command. */
export function registerSimulateTrucksCommand(program: Command): void {
  program
    .command('simulate-trucks')
    .description(
      '模拟一批重型车车载终端（GB 17691 / HJ 1239）：登入、每 10 秒一帧 1 Hz 数据、校时、断线后补发、登出；' +
        '含冷启动、SCR 故障和作弊车辆；可写出车辆登记表供 trucks vehicle import 使用',
    )
    .option('--vehicles <N>', '车辆数', '100')
    .option('--target <主机:端口>', '接入服务地址（默认 127.0.0.1:17691）')
    .option('--duration <秒>', '运行时长（墙钟秒）', '60')
    .option('--faulty-share <比例>', 'SCR 故障（无转化）车辆的比例', '0.1')
    .option(
      '--tamper-share <比例>',
      '作弊车辆比例（尿素液位不变、NOx 无效、拆除报警各占三分之一）',
      '0.02',
    )
    .option(
      '--layout <布局>',
      'hj（HJ 1239）| gb1（GB 流水号在前）| gb10（GB 每个信息体带流水号）| mix',
      'mix',
    )
    .option(
      '--register <文件>',
      '写出车辆登记 CSV（供 lantian trucks vehicle import）；不给 --target 时只写文件',
    )
    .option('--county <行政区划代码>', '登记表中的区县', '130402')
    .option('--seed <n>', '随机种子（相同种子生成相同的车辆和行程）', '1')
    .option(
      '--via-platform <N>',
      '经 N 条转发平台连接（~~ 平台登入）复用发送，车辆数超过文件描述符上限时使用；0 为每车一条连接',
      '0',
    )
    .option('--platform-user <用户名>', '转发平台登入用户名（trucks platform add 登记的）')
    .option(
      '--platform-password <密码>',
      '转发平台登入密码（也可用环境变量 LANTIAN_SIM_PLATFORM_PASSWORD）',
    )
    .option('--disconnect-prob <p>', '每车每 10 秒断线的概率（断线 5–15 秒后重连并补发）', '0.01')
    .option('--force-disconnect <秒>', '运行到第几秒时让所有车辆断线 12 秒（检验补发）')
    .option('--progress <秒>', '进度输出间隔，0 为不输出', '5')
    .option('--json', '结束时在标准输出打印 JSON 汇总')
    .option(
      '--acked-log <文件>',
      '每个收到应答的报文写一行 JSON（VIN、命令、报文十六进制；崩溃测试用）',
    )
    .action(async (raw: RawOptions) => {
      process.exitCode = await runSimulateTrucks(raw);
    });
}

async function runSimulateTrucks(raw: RawOptions): Promise<number> {
  const vehicles = parseNumber('--vehicles', raw.vehicles);
  if (!Number.isInteger(vehicles) || vehicles < 1 || vehicles > 1_000_000)
    throw new LantianError('LT_ERR_BAD_REQUEST', '--vehicles 应为 1–1000000 的整数');
  const fleet = buildTruckFleet({
    vehicles,
    seed: parseNumber('--seed', raw.seed),
    layout: parseChoice('--layout', raw.layout, LAYOUTS),
    faultyShare: share('--faulty-share', raw.faultyShare),
    tamperShare: share('--tamper-share', raw.tamperShare),
  });
  if (raw.register) {
    writeFileSync(raw.register, truckRegistryCsv(fleet, raw.county));
    process.stderr.write(`已写出 ${fleet.length} 辆车的登记表 ${raw.register}\n`);
    if (raw.target === undefined) return 0;
  }
  const { host, port } = target(raw.target);
  const viaPlatforms = parseNumber('--via-platform', raw.viaPlatform);
  const password = raw.platformPassword ?? process.env['LANTIAN_SIM_PLATFORM_PASSWORD'];
  if (viaPlatforms > 0 && (!raw.platformUser || !password))
    throw new LantianError(
      'LT_ERR_BAD_REQUEST',
      '--via-platform 需要 --platform-user 和 --platform-password（或 LANTIAN_SIM_PLATFORM_PASSWORD）',
    );
  if (viaPlatforms === 0) checkFdLimit(vehicles);
  const progressS = parseNumber('--progress', raw.progress);
  const acked = raw.ackedLog ? createWriteStream(raw.ackedLog) : undefined;
  const s = await driveTrucks(fleet, {
    host,
    port,
    durationS: parseNumber('--duration', raw.duration),
    seed: parseNumber('--seed', raw.seed),
    viaPlatforms,
    ...(raw.platformUser ? { platformUser: raw.platformUser } : {}),
    ...(password ? { platformPassword: password } : {}),
    disconnectProb: share('--disconnect-prob', raw.disconnectProb),
    ...(raw.forceDisconnect === undefined
      ? {}
      : { forceDisconnectAtS: parseNumber('--force-disconnect', raw.forceDisconnect) }),
    progressS,
    ...(progressS > 0 ? { onProgress: (p) => process.stderr.write(progressText(p) + '\n') } : {}),
    ...(acked ? { onAcked: (a) => acked.write(JSON.stringify(a) + '\n') } : {}),
  });
  if (acked) await new Promise<void>((r) => acked.end(r));
  process.stderr.write(summaryText(s) + '\n');
  if (raw.json) process.stdout.write(JSON.stringify(s) + '\n');
  return s.connected === 0 && s.framesSent === 0 ? 7 : 0;
}

function share(option: string, v: string): number {
  const n = parseNumber(option, v);
  if (n < 0 || n > 1) throw new LantianError('LT_ERR_BAD_REQUEST', `${option} 应在 0–1 之间`);
  return n;
}

function target(v: string | undefined): { host: string; port: number } {
  const m = /^(?:([^:]+):)?(\d{1,5})$/.exec((v ?? '127.0.0.1:17691').trim());
  const port = Number(m?.[2]);
  if (!m || !(port >= 1 && port <= 65535))
    throw new LantianError('LT_ERR_BAD_REQUEST', `--target 应为 主机:端口，收到 "${v}"`);
  return { host: m[1] ?? '127.0.0.1', port };
}

/**
 * Direct mode needs one file descriptor per truck: refuse when the soft limit (`ulimit -n`,
 * read from /proc/self/limits on Linux) cannot hold them, and point to --via-platform.
 */
function checkFdLimit(vehicles: number): void {
  let limit = Infinity;
  try {
    const m = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    if (m) limit = Number(m[1]);
  } catch {
    return;
  }
  if (vehicles + FD_RESERVE > limit)
    throw new LantianError(
      'LT_ERR_BAD_REQUEST',
      `每辆车一条连接需要 ${vehicles + FD_RESERVE} 个文件描述符，超过上限 ${limit}（ulimit -n）：` +
        '请用 --via-platform N 经转发平台连接复用发送，或提高 ulimit -n',
    );
}

function progressText(s: TruckDriveSummary): string {
  return (
    `[${s.elapsedS} 秒] 在线 ${s.connected}/${s.vehicles} 辆，已发送 ${s.framesSent} 帧` +
    `（实时 ${s.realtimeFrames}，补发 ${s.reissueFrames}），应答 ${s.replies}，` +
    `断线 ${s.disconnects} 次，应答延迟 p99 ${s.p99Ms} 毫秒`
  );
}

function summaryText(s: TruckDriveSummary): string {
  return [
    `模拟结束：${s.vehicles} 辆车，运行 ${s.elapsedS} 秒`,
    `发送 ${s.framesSent} 帧（实时 ${s.realtimeFrames}，补发 ${s.reissueFrames}），断线 ${s.disconnects} 次，连接失败 ${s.connectFailures} 次`,
    `收到应答 ${s.replies} 条，未应答 ${s.unanswered} 条，应答延迟 p50 ${s.p50Ms} 毫秒，p99 ${s.p99Ms} 毫秒`,
    ...(s.platformLogins + s.platformRefusals > 0
      ? [`转发平台登入成功 ${s.platformLogins} 次，被拒绝 ${s.platformRefusals} 次`]
      : []),
  ].join('\n');
}
