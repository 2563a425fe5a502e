/**
 * The `lantian` command line. Help and messages are Chinese; failures print the catalogue code
 * and exit with the catalogue's exit code (src/errors.ts).
 */
import { Command, CommanderError } from 'commander';
import { EXIT, LantianError } from '../errors.ts';
import { registerAirCommands } from './commands/air.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerOpenApiCommand } from './commands/openapi.ts';
import { registerDeviceCommands } from './commands/device.ts';
import { registerGb17691Commands } from './commands/gb17691.ts';
import { registerHj212Commands } from './commands/hj212.ts';
import { registerHj212ArchiveCommand } from './commands/hj212-archive.ts';
import { registerImportCommands } from './commands/import.ts';
import { registerPlanCommands } from './commands/plan.ts';
import { registerRegistryCommands } from './commands/registry.ts';
import { registerReportCommands } from './commands/report.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerSimulateCommand } from './commands/simulate.ts';
import { registerTasksCommands } from './commands/tasks.ts';
import { registerUserCommands } from './commands/user.ts';
import { registerWarningCommands } from './commands/warning.ts';
import { chineseCommanderMessage } from './commander-zh.ts';

/** Builds the program with every command registered. */
export function buildProgram(): Command {
  const program = new Command('lantian')
    .description('蓝天 Lantian：城市大气污染防治管理平台')
    .version('0.1.0', '-V, --version', '显示版本号')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [命令]', '显示某个命令的帮助')
    .option(
      '--db <path>',
      'SQLite 数据库文件（默认 ./var/lantian.db，或环境变量 LANTIAN_DB；设置 DATABASE_URL 时使用 PostgreSQL）',
    )
    .showHelpAfterError('（使用 --help 查看用法）')
    .configureOutput({ writeErr: () => undefined })
    .exitOverride();
  registerServeCommand(program);
  registerImportCommands(program);
  registerAirCommands(program);
  registerDemoCommand(program);
  registerOpenApiCommand(program);
  registerRegistryCommands(program);
  registerHj212Commands(program);
  registerHj212ArchiveCommand(program);
  registerGb17691Commands(program);
  registerDeviceCommands(program);
  registerSimulateCommand(program);
  registerUserCommands(program);
  registerPlanCommands(program);
  registerReportCommands(program);
  registerTasksCommands(program);
  registerWarningCommands(program);
  for (const c of program.commands) inheritSettings(c);
  return program;
}

/** Makes sub-commands use the same Chinese help option and error handling. */
function inheritSettings(c: Command): void {
  c.helpOption('-h, --help', '显示帮助')
    .configureOutput({ writeErr: () => undefined })
    .exitOverride();
  for (const s of c.commands) inheritSettings(s);
}

/** Prints a failure and returns the exit code. */
export function reportFailure(e: unknown): number {
  if (e instanceof LantianError) {
    process.stderr.write(`错误 [${e.code}]：${e.message}\n`);
    const sample = e.extra?.['sampleIssues'];
    if (Array.isArray(sample)) {
      for (const i of sample as Array<{
        file: string;
        line: number;
        field: string | null;
        detail: string;
        code: string;
      }>) {
        process.stderr.write(
          `  ${i.file}:${i.line}${i.field ? ` [${i.field}]` : ''} ${i.code} ${i.detail}\n`,
        );
      }
    }
    return e.exitCode;
  }
  if (e instanceof CommanderError) {
    if (
      e.code === 'commander.helpDisplayed' ||
      e.code === 'commander.version' ||
      e.code === 'commander.help'
    )
      return EXIT.ok;
    process.stderr.write(
      `错误 [LT_ERR_USAGE]：${chineseCommanderMessage(e)}\n（使用 --help 查看用法）\n`,
    );
    return EXIT.usage;
  }
  process.stderr.write(`错误 [LT_ERR_INTERNAL]：${(e as Error)?.stack ?? String(e)}\n`);
  return EXIT.internal;
}

/** Entry point used by bin/lantian. */
export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    process.exitCode = reportFailure(e);
  }
}
