/** `lantian serve`: runs the platform (HTTP on :8080 by default) until Ctrl-C. */
import type { Command } from 'commander';
import { LantianError } from '../../errors.ts';
import { pino } from 'pino';
import type { Config } from '../../config.ts';
import { startServer } from '../../server.ts';
import { openServerSink, parseRole, startNodeRole, type NodeRole } from '../../scale/roles.ts';
import { scaleConfigFromEnv, type ScaleConfig } from '../../scale/scale-config.ts';
import { systemClock } from '../../clock.ts';
import { commandSettingsFromEnv } from '../../scale/command-config.ts';
import { startCommandRelay } from '../../scale/command-relay.ts';
import { ingestGauges } from '../../scale/ingest-gauges.ts';
import { natsDeviceCommands } from '../../scale/nats-commands.ts';
import type { Db } from '../../store/db.ts';
import { cliConfig, type GlobalOptions } from '../context.ts';
import { parseNumber } from '../options.ts';

/** What a node role says once it runs (tests and operators wait for these lines). */
const NODE_RUNNING: Record<NodeRole, string> = {
  ingest: '接入节点已启动',
  writer: '写入节点运行中',
  rollup: '汇总节点运行中',
  alerts: '告警节点运行中',
};

type ServeOptions = {
  port?: string;
  host?: string;
  hj212Port?: string;
  trucksPort?: string;
  role?: string;
  metricsPort?: string;
};

/** Registers the serve command. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('启动蓝天平台（HTTP 接口与页面，默认 http://localhost:8080）')
    .option('--port <port>', 'HTTP 端口（默认 8080，或环境变量 LANTIAN_HTTP_PORT）')
    .option('--host <host>', '监听地址（默认 0.0.0.0，或环境变量 LANTIAN_HTTP_HOST）')
    .option(
      '--hj212-port <port>',
      'HJ 212 设备接入 TCP 端口（默认 9212，或环境变量 LANTIAN_HJ212_PORT；0 = 随机端口）',
    )
    .option(
      '--trucks-port <port>',
      '重型车车载终端（GB 17691 / HJ 1239）接入 TCP 端口（默认 17691，或环境变量 LANTIAN_TRUCKS_PORT；0 = 随机端口）',
    )
    .option(
      '--role <角色>',
      'all（默认：一个进程包办）| ingest（HJ 212 与重型车终端接入，发布到 NATS JetStream）| writer（从 JetStream 写入数据库与重型车原始帧归档）| api（HTTP 接口与定时任务）| rollup（读 JetStream：日统计与 CEMS 小时投影）| alerts（读 JetStream：污染源告警）；除 all 与 api 外都需要 LANTIAN_NATS_URL',
      'all',
    )
    .option(
      '--metrics-port <port>',
      'ingest / writer 的 /healthz、/readyz、/metrics 端口（默认 9464，或 LANTIAN_METRICS_PORT；0 = 随机端口）',
    )
    .action(async (o: ServeOptions) => {
      const role = parseRole(o.role ?? 'all');
      const scaleBase = scaleConfigFromEnv(process.env);
      const scale = {
        ...scaleBase,
        ...(o.metricsPort !== undefined
          ? { metricsPort: parseNumber('--metrics-port', o.metricsPort) }
          : {}),
      };
      const base = cliConfig(program.opts<GlobalOptions>());
      const config = {
        ...base,
        ...(o.port !== undefined ? { httpPort: parseNumber('--port', o.port) } : {}),
        ...(o.host !== undefined ? { httpHost: o.host } : {}),
        ...(o.hj212Port !== undefined
          ? { hj212: { ...base.hj212, port: parseNumber('--hj212-port', o.hj212Port) } }
          : {}),
        ...(o.trucksPort !== undefined
          ? {
              trucks: {
                ...base.trucks,
                listener: {
                  ...base.trucks.listener,
                  port: parseNumber('--trucks-port', o.trucksPort),
                },
              },
            }
          : {}),
      };
      const say = (line: string): void => void process.stderr.write(`${line}\n`);
      if (role !== 'all' && role !== 'api') {
        await runNodeRole(role, config, scale, say);
        return;
      }
      const scaleLog = pino({ level: config.logLevel, name: 'scale' });
      const nats =
        scale.natsUrl !== undefined
          ? await openServerSink(scale, scale.natsUrl, scaleLog)
          : undefined;
      const writer =
        nats !== undefined && role === 'all'
          ? // Its truck listener commits in this process (it owns the archive): no truck writer.
            await startNodeRole('writer', withoutTruckWriter(config), scale, say, nats.metrics)
          : undefined;
      const serverConfig =
        role === 'api'
          ? { ...config, hj212: { ...config.hj212, host: '127.0.0.1', port: 0 } }
          : config;
      const commandSettings = commandSettingsFromEnv(process.env);
      // With NATS the api role runs no HJ 212 listener: its device commands travel over NATS.
      const extras = nats
        ? {
            hj212Sink: nats.sink,
            ...(role === 'api'
              ? {
                  deviceCommands: (db: Db) =>
                    natsDeviceCommands(nats.nc, commandSettings, db, systemClock),
                  // Ingest nodes take the terminals; the truck writer owns the archive directory.
                  truckArchiveView: true,
                }
              : {}),
          }
        : {};
      let server;
      try {
        server = await startServer(serverConfig, extras);
      } catch (e) {
        if (e instanceof LantianError) throw e;
        const err = e as NodeJS.ErrnoException;
        if (err.code === 'EADDRINUSE')
          throw new LantianError(
            'LT_ERR_BAD_CONFIG',
            `端口已被占用（HTTP ${config.httpPort}，HJ 212 ${config.hj212.port ?? 9212}，重型车 ${config.trucks.listener.port}）`,
          );
        throw e;
      }
      // Listen for Ctrl-C before saying it runs: a signal that comes before its listener would
      // end the process at once, without the clean stop.
      const stopped = new Promise<void>((resolve) => {
        const stop = (): void => {
          process.stderr.write('正在停止…\n');
          server.stop().then(resolve, resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      // What runs, in one write: a reader of the pipe gets all the lines at once.
      const started = [
        `蓝天已启动：${server.url}（数据库 ${server.db.location}），按 Ctrl-C 停止`,
        server.ingest
          ? `HJ 212 监听端口 ${server.ingest.port}`
          : `设备命令经 NATS 发送（${commandSettings.prefix}.<MN>）`,
      ];
      // `all` with NATS: its listener's gauges join the sink's metrics (shown by the writer's
      // /metrics), and it answers the commands of the devices connected to it, as an ingest node.
      if (nats && server.ingest) ingestGauges(nats.metrics, server.ingest);
      const relay =
        nats && server.ingest
          ? startCommandRelay(nats.nc, commandSettings, server.ingest, scaleLog)
          : undefined;
      if (server.db.read !== server.db)
        started.push(`只读查询使用副本：${server.db.read.location}`);
      if (server.trucks) started.push(`重型车终端监听端口 ${server.trucks.port}`);
      process.stderr.write(started.map((l) => `${l}\n`).join(''));
      await stopped;
      await relay?.close();
      await writer?.stop();
      await nats?.close();
      process.stderr.write('已停止\n');
    });
}

/** Runs a node role (ingest, writer, rollup, alerts) until SIGINT/SIGTERM. */
async function runNodeRole(
  role: NodeRole,
  config: Config,
  scale: ScaleConfig,
  say: (line: string) => void,
): Promise<void> {
  let stopRequested = false;
  let wake: () => void = () => undefined;
  const signalled = new Promise<void>((resolve) => (wake = resolve));
  const onSignal = (): void => {
    stopRequested = true;
    wake();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const starting = startNodeRole(role, config, scale, say);
  // A signal while NATS is still unreachable ends the process (nothing was acknowledged).
  const first = await Promise.race([starting, signalled.then(() => null)]);
  if (first === null) {
    say('已停止（尚未开始工作）');
    process.exit(0);
  }
  say(`${NODE_RUNNING[role]}（NATS ${scale.natsUrl}）`);
  if (!stopRequested) await signalled;
  say('正在停止…');
  await first.stop();
  say('已停止');
}

/** The configuration of the writer inside `serve --role all`: HJ 212 only. */
function withoutTruckWriter(config: Config): Config {
  return { ...config, trucks: { ...config.trucks, listen: false } };
}
