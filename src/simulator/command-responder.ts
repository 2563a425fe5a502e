// How a simulated data logger answers the upper computer's commands (HJ 212-2017 §6.6, Table 9):
// 9011 QnRtn=1 (Table 7), then the value of a "get" command or the history data asked for, then
// 9012 ExeRtn=1 (Table 6). Unknown commands get 9011 QnRtn=8 (CN error). Pure: packets in,
// packets out; the logger's clock is an offset from the time it is given.

import {
  COMMANDS,
  commandOfCn,
  cpValue,
  EXE_RTN,
  exeRtn,
  formatHj212Time,
  type Hj212Packet,
  type Hj212PacketInput,
  QN_RTN,
  qnRtn,
} from '../protocols/hj212/index.ts';

/** Uploads a logger sends for a history request: CN, period start instants in [begin, end]. */
export type HistorySource = (
  cn: string,
  beginMs: number,
  endMs: number,
  qn: string,
) => Hj212PacketInput[];

/** A logger's answers to commands, with its clock and intervals. */
export class LoggerCommands {
  /** The logger's clock minus true time (ms); 1012 sets it to 0 (to the time sent). */
  clockOffsetMs: number;
  /** Real-time data interval (s), 1061/1062. */
  rtdInterval = 30;
  /** Minute data interval (min), 1063/1064. */
  minInterval = 10;

  constructor(
    private readonly timeZone: string,
    private readonly history: HistorySource,
    clockOffsetMs = 0,
  ) {
    this.clockOffsetMs = clockOffsetMs;
  }

  /** The logger's own time at true time `now`. */
  loggerTime(now: number): number {
    return now + this.clockOffsetMs;
  }

  /** The packets answering a request received at true time `now`, in order. */
  answer(req: Hj212Packet, now: number): Hj212PacketInput[] {
    const name = commandOfCn(req.cn);
    if (name === undefined) return [qnRtn(req, QN_RTN.badCn)];
    const out: Hj212PacketInput[] = [qnRtn(req, QN_RTN.ready)];
    const reply = (cp: Array<[string, string]>): Hj212PacketInput => ({
      ...(req.qn !== undefined ? { qn: req.qn } : {}),
      st: req.st,
      cn: req.cn,
      pw: req.pw,
      mn: req.mn,
      ...(req.flag !== undefined ? { flag: req.flag & ~1 } : {}),
      cp,
    });
    switch (COMMANDS[name].cn) {
      case '1011':
        out.push(reply([['SystemTime', formatHj212Time(this.loggerTime(now), this.timeZone)]]));
        break;
      case '1012': {
        const t = parseTime(cpValue(req, 'SystemTime'), this.timeZone);
        if (t === undefined) return [...out, exeRtn(req, EXE_RTN.badCondition)];
        this.clockOffsetMs = t - now;
        break;
      }
      case '1061':
        out.push(reply([['RtdInterval', String(this.rtdInterval)]]));
        break;
      case '1062':
        this.rtdInterval = Number(cpValue(req, 'RtdInterval') ?? this.rtdInterval);
        break;
      case '1063':
        out.push(reply([['MinInterval', String(this.minInterval)]]));
        break;
      case '1064':
        this.minInterval = Number(cpValue(req, 'MinInterval') ?? this.minInterval);
        break;
      default: {
        const b = parseTime(cpValue(req, 'BeginTime'), this.timeZone);
        const e = parseTime(cpValue(req, 'EndTime'), this.timeZone);
        if (b === undefined || e === undefined) return [...out, exeRtn(req, EXE_RTN.badCondition)];
        const data = this.history(req.cn, b, e, req.qn ?? '');
        if (data.length === 0) return [...out, exeRtn(req, EXE_RTN.noData)];
        out.push(...data);
      }
    }
    out.push(exeRtn(req, EXE_RTN.success));
    return out;
  }
}

/** `YYYYMMDDhhmmss` in a time zone → epoch ms (whole-hour offsets such as Asia/Shanghai). */
function parseTime(s: string | undefined, timeZone: string): number | undefined {
  if (s === undefined || !/^\d{14}$/.test(s)) return undefined;
  const asUtc = Date.UTC(
    Number(s.slice(0, 4)),
    Number(s.slice(4, 6)) - 1,
    Number(s.slice(6, 8)),
    Number(s.slice(8, 10)),
    Number(s.slice(10, 12)),
    Number(s.slice(12, 14)),
  );
  // The zone's offset at that instant, read back through the formatter.
  const back = formatHj212Time(asUtc, timeZone);
  const shown = Date.UTC(
    Number(back.slice(0, 4)),
    Number(back.slice(4, 6)) - 1,
    Number(back.slice(6, 8)),
    Number(back.slice(8, 10)),
    Number(back.slice(10, 12)),
    Number(back.slice(12, 14)),
  );
  return asUtc - (shown - asUtc);
}
