/**
 * The `lantian` command line. Help and messages are Chinese; failures print the catalogue code
 * and exit with the catalogue's exit code (src/errors.ts).
 */
import { Command, CommanderError } from 'commander';
import { EXIT, LantianError } from '../errors.ts';
import { chineseHelp } from './chinese-help.ts';
import { COMMAND_MODULES, commandModule, requestedCommand } from './command-index.ts';
import { chineseCommanderMessage } from './commander-zh.ts';
import { endQuietlyOnClosedPipe } from './closed-pipe.ts';

/** The program with its global options and no commands yet. */
function baseProgram(): Command {
  return new Command('lantian')
    .description('蓝天 Lantian：城市大气污染防治管理平台')
    .version('0.1.0', '-V, --version', '显示版本号')
    .configureHelp(chineseHelp)
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [命令]', '显示某个命令的帮助')
    .option(
      '--db <path>',
      'SQLite 数据库文件（默认 ./var/lantian.db，或环境变量 LANTIAN_DB；设置 DATABASE_URL 时使用 PostgreSQL）',
    )
    .showHelpAfterError('（使用 --help 查看用法）')
    .configureOutput({ writeErr: () => undefined })
    .exitOverride();
}

/**
 * Builds the program for an argument vector: the command it asks for is registered in full (its
 * module imported), every other command only by name and description, which is all the
 * top-level help shows. `only: 'all'` registers every command in full.
 */
export async function buildProgram(
  args: readonly string[] = [],
  only: 'requested' | 'all' = 'requested',
): Promise<Command> {
  const program = baseProgram();
  const wanted = only === 'all' ? undefined : commandModule(requestedCommand(args) ?? '');
  for (const m of COMMAND_MODULES) {
    if (only === 'all' || m === wanted) {
      for (const register of await m.load()) register(program);
    } else {
      for (const c of m.commands) program.command(c.name).description(c.description);
    }
  }
  for (const c of program.commands) inheritSettings(c);
  return program;
}

/** Makes sub-commands use the same Chinese help and error handling. */
function inheritSettings(c: Command): void {
  c.configureHelp(chineseHelp)
    .helpOption('-h, --help', '显示帮助')
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
  endQuietlyOnClosedPipe();
  try {
    const program = await buildProgram(argv.slice(2));
    await program.parseAsync(argv);
  } catch (e) {
    process.exitCode = reportFailure(e);
  }
}
