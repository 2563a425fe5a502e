/**
 * Checks and completes the parameters of a downlink command (pure). Formats: HJ 212-2017 Table 4
 * (SystemTime, BeginTime, EndTime `YYYYMMDDhhmmss`; RtdInterval, MinInterval in s / min).
 */
import { LantianError } from '../../errors.ts';
import {
  COMMANDS,
  formatHj212Time,
  isCommandName,
  type CommandName,
} from '../../protocols/hj212/index.ts';

const TIME_RE = /^\d{14}$/;

/** A command checked and ready to send. */
export interface CheckedCommand {
  name: CommandName;
  params: Array<[string, string]>;
}

function bad(detail: string): never {
  throw new LantianError('LT_ERR_BAD_COMMAND', detail);
}

/**
 * Checks a command name and its parameters; `set-time` without SystemTime gets the server's
 * time in the device's time zone.
 */
export function checkCommand(
  name: string,
  given: Readonly<Record<string, string>>,
  now: number,
  timeZone: string,
): CheckedCommand {
  if (!isCommandName(name)) bad(`未知命令 "${name}"，可用：${Object.keys(COMMANDS).join('、')}`);
  const spec = COMMANDS[name];
  for (const k of Object.keys(given)) {
    if (!(spec.params as readonly string[]).includes(k)) bad(`命令 ${name} 没有参数 ${k}`);
  }
  const params: Array<[string, string]> = [];
  for (const k of spec.params) {
    let v = given[k];
    if (v === undefined && k === 'SystemTime') v = formatHj212Time(now, timeZone);
    if (v === undefined) bad(`命令 ${name} 缺少参数 ${k}`);
    if (k.endsWith('Time') && !TIME_RE.test(v)) bad(`${k} 应为 YYYYMMDDhhmmss，收到 "${v}"`);
    if (k.endsWith('Interval') && !/^[1-9]\d{0,4}$/.test(v)) {
      bad(`${k} 应为 1–99999 的整数，收到 "${v}"`);
    }
    params.push([k, v]);
  }
  const begin = given.BeginTime;
  const end = given.EndTime;
  if (begin !== undefined && end !== undefined && begin > end) {
    bad(`BeginTime ${begin} 晚于 EndTime ${end}`);
  }
  return { name, params };
}
