/**
 * What the `lantian tasks …` commands share (src/cli/commands/tasks.ts and tasks/dispatch.ts): who
 * acts (--as <user>, or the local operator as the city office), option parsing, the rows a listing
 * command shows, and output.
 */
import type { Command } from 'commander';
import { mustFindUsername } from '../../../auth/user-service.ts';
import { principalFromUser } from '../../../auth/user-view.ts';
import type { Config } from '../../../config.ts';
import { LantianError } from '../../../errors.ts';
import { cliActor, osUser } from '../../cli-actor.ts';
import { parseChoice, parseNumber } from '../../options.ts';
import type { Db } from '../../../store/db.ts';
import { ROW_STATUSES, type RowStatus } from '../../../tasks/rules/status-rules.ts';
import { systemClock } from '../../../clock.ts';
import { evaluateRows, todayOf } from '../../../tasks/status-service.ts';
import { loadTaskContext, operatorActor, type TaskActor } from '../../../tasks/task-context.ts';

/** Runs a command body with an open store. */
export type StoreRunner = <T>(fn: (db: Db, config: Config) => Promise<T>) => Promise<T>;

/** Options most tasks commands take. */
export interface CommonOptions {
  plan?: string;
  as?: string;
  json?: boolean;
  date?: string;
}

/** Adds --plan and --as to a command. */
export function withCommonOptions(c: Command): Command {
  return c
    .option('--plan <id>', '方案编号（只载入一个方案时可省略）')
    .option('--as <username>', '以该账号的角色和范围操作');
}

/** The operating-system user running the CLI (src/cli/cli-actor.ts). */
export { osUser };

/** The actor of a run: the named account (--as) or the local operator as the city office. */
export async function actorFor(db: Db, as: string | undefined): Promise<TaskActor> {
  if (!as) return operatorActor(cliActor());
  const u = await mustFindUsername(db, as);
  if (u.disabled === 1) throw new LantianError('LT_ERR_ACCOUNT_DISABLED', u.username);
  return {
    principal: principalFromUser(u, 'session'),
    ctx: { actor: `${u.username}@cli:${osUser()}`, ip: null },
  };
}

/** Writes a line to standard output. */
export const out = (s: string): void => void process.stdout.write(s + '\n');

/** Commander collector of a repeatable option. */
export const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

/** `--status overdue,behind` into statuses (LT_ERR_BAD_REQUEST on an unknown one). */
export function parseStatuses(s: string | undefined): RowStatus[] | undefined {
  return s?.split(',').map((x) => parseChoice('--status', x.trim(), ROW_STATUSES));
}

/** `--value 12` (the row's only indicator, key '*') or `--value t1=12`, repeatable. */
export function parseValues(raw: readonly string[]): Record<string, number> {
  const values: Record<string, number> = {};
  for (const v of raw) {
    const m = /^(t\d+)=(.+)$/.exec(v.trim());
    values[m ? m[1]! : '*'] = parseNumber('--value', m ? m[2]! : v);
  }
  return values;
}

/** The filters of a listing command (list, sheet). */
export interface RowOptions extends CommonOptions {
  status?: string;
  dept?: string;
  unit?: string;
  measure?: string;
}

/** The rows a listing command shows, as the actor sees them, on --date (default today). */
export async function rowsForCommand(db: Db, config: Config, o: RowOptions) {
  const who = await actorFor(db, o.as);
  const c = await loadTaskContext(db, o.plan);
  const date = o.date ?? todayOf(systemClock, config.tasks);
  const filter = {
    status: parseStatuses(o.status),
    dept: o.dept,
    unit: o.unit,
    measure: o.measure,
  };
  return { c, date, rows: await evaluateRows(db, config.tasks, c, date, filter, who) };
}
