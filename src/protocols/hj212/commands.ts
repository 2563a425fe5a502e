// Downlink requests of the upper computer (HJ 212-2017 Table 9, §6.6 and Appendix C): the
// commands Lantian sends to a data logger, how each is built, and what answers it expects.
//
// Flow (HJ 212-2017 §6.6.2, Figures 4–6): request (Flag bit A set) → 9011 with QnRtn (Table 7)
// → for "get" commands a packet with the same CN and QN carrying the value, for history
// requests the data packets (2061/2051/2031, QN of the request) → 9012 with ExeRtn (Table 6).

import { FLAG_ACK, type Hj212Packet, type Hj212Version, versionFlag } from './packet.ts';

/** A downlink command Lantian can send. */
export interface CommandSpec {
  /** Request CN (Table 9). */
  readonly cn: string;
  /** Chinese name (Table 9). */
  readonly name: string;
  /** 'get' answers a value; 'set' changes the logger; 'history' uploads stored data. */
  readonly kind: 'get' | 'set' | 'history';
  /** CP parameters the request carries (Table 9 / Appendix C examples). */
  readonly params: readonly string[];
  /** CP key of the value a 'get' answer carries. */
  readonly answerKey?: string;
}

/** The commands by name (the name is what the API and CLI take). */
export const COMMANDS = {
  'get-time': {
    cn: '1011',
    name: '提取现场机时间',
    kind: 'get',
    params: [],
    answerKey: 'SystemTime',
  },
  'set-time': { cn: '1012', name: '设置现场机时间', kind: 'set', params: ['SystemTime'] },
  'get-rtd-interval': {
    cn: '1061',
    name: '提取实时数据间隔',
    kind: 'get',
    params: [],
    answerKey: 'RtdInterval',
  },
  'set-rtd-interval': {
    cn: '1062',
    name: '设置实时数据间隔',
    kind: 'set',
    params: ['RtdInterval'],
  },
  'get-min-interval': {
    cn: '1063',
    name: '提取分钟数据间隔',
    kind: 'get',
    params: [],
    answerKey: 'MinInterval',
  },
  'set-min-interval': {
    cn: '1064',
    name: '设置分钟数据间隔',
    kind: 'set',
    params: ['MinInterval'],
  },
  'history-hour': {
    cn: '2061',
    name: '取污染物小时历史数据',
    kind: 'history',
    params: ['BeginTime', 'EndTime'],
  },
  'history-minute': {
    cn: '2051',
    name: '取污染物分钟历史数据',
    kind: 'history',
    params: ['BeginTime', 'EndTime'],
  },
  'history-day': {
    cn: '2031',
    name: '取污染物日历史数据',
    kind: 'history',
    params: ['BeginTime', 'EndTime'],
  },
} as const satisfies Record<string, CommandSpec>;

/** A command name. */
export type CommandName = keyof typeof COMMANDS;

/** Command names. */
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

/** True for a command name. */
export function isCommandName(s: string): s is CommandName {
  return Object.hasOwn(COMMANDS, s);
}

/** The command of a request CN. */
export function commandOfCn(cn: string): CommandName | undefined {
  return COMMAND_NAMES.find((k) => COMMANDS[k].cn === cn);
}

/** What a request is built from. */
export interface CommandRequest {
  readonly qn: string;
  /** System code of the logger (Table 5), e.g. 22 air, 31 flue gas. */
  readonly st: string;
  readonly pw: string;
  readonly mn: string;
  readonly version: Hj212Version;
  readonly params: ReadonlyArray<readonly [string, string]>;
}

/** A request packet asking for a 9011 answer (Flag bit A). HJ/T 212-2005 has no Flag bits. */
export function buildRequest(name: CommandName, r: CommandRequest): Hj212Packet {
  const p: Hj212Packet = {
    qn: r.qn,
    st: r.st,
    cn: COMMANDS[name].cn,
    pw: r.pw,
    mn: r.mn,
    version: r.version,
    cp: r.params.map(([k, v]) => [k, v]),
  };
  if (r.version !== '2005') p.flag = versionFlag(r.version) | FLAG_ACK;
  return p;
}

/** `YYYYMMDDhhmmss` of an instant in a time zone (SystemTime, BeginTime, EndTime; Table 4). */
export function formatHj212Time(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  return `${get('year')}${get('month')}${get('day')}${get('hour')}${get('minute')}${get('second')}`;
}

/** `YYYYMMDDhhmmsszzz` QN of an instant in a time zone (Table 3). */
export function formatQn(ms: number, timeZone: string): string {
  return formatHj212Time(ms, timeZone) + String(((ms % 1000) + 1000) % 1000).padStart(3, '0');
}

/** The value of a CP key (first occurrence), or undefined. */
export function cpValue(p: Hj212Packet, key: string): string | undefined {
  for (const [k, v] of p.cp) if (k === key) return v;
  return undefined;
}

/** The request QN an answer echoes: in the header (2017, 2025) or the CP area (HJ/T 212-2005). */
export function answeredQn(p: Hj212Packet): string | undefined {
  return p.qn ?? cpValue(p, 'QN');
}
