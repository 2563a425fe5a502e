/** `lantian serve`: runs the platform (HTTP on :8080 by default) until Ctrl-C. */
import type { Command } from 'commander';
import { LantianError } from '../../errors.ts';
import { startServer } from '../../server.ts';
import { cliConfig, type GlobalOptions } from '../context.ts';
import { parseNumber } from '../options.ts';

type ServeOptions = { port?: string; host?: string; hj212Port?: string; trucksPort?: string };

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
    .action(async (o: ServeOptions) => {
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
      let server;
      try {
        server = await startServer(config);
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
      process.stderr.write(
        `蓝天已启动：${server.url}（数据库 ${server.db.location}），按 Ctrl-C 停止\n`,
      );
      process.stderr.write(`HJ 212 监听端口 ${server.ingest.port}\n`);
      if (server.trucks) process.stderr.write(`重型车终端监听端口 ${server.trucks.port}\n`);
      await stopped;
      process.stderr.write('已停止\n');
    });
}
