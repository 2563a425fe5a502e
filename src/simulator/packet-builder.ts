// Upload packets of a simulated data logger (HJ 212-2017 §6.3, Table 3 header, Table 4 CP).

import {
  FLAG_ACK,
  type Hj212PacketInput,
  type Hj212Version,
  versionFlag,
} from '../protocols/hj212/index.ts';
import type { SampleItem } from './sample.ts';

/** Header fields of one upload. */
export interface UploadHeader {
  readonly qn: string;
  readonly st: string;
  readonly cn: string;
  readonly pw: string;
  readonly mn: string;
  readonly edition: Hj212Version;
  /** Ask for a 9014 acknowledgement (Flag bit A). */
  readonly ack: boolean;
}

/**
 * The Flag of an upload: version bits of the edition plus bit A when an ack is wanted
 * (HJ 212-2017 Table 3; 2017 + ack = 5, 2025 + ack = 9). HJ/T 212-2005 loggers send no Flag
 * unless they want an answer (then Flag=1), docs/standards/hj212.md §1.4.
 */
export function uploadFlag(edition: Hj212Version, ack: boolean): number | undefined {
  if (edition === '2005' && !ack) return undefined;
  return versionFlag(edition) | (ack ? FLAG_ACK : 0);
}

/** CP pairs `DataTime=…;code-Suffix=v,…,code-Flag=f;…` of a list of items. */
export function cpPairs(dataTime: string, items: readonly SampleItem[]): Array<[string, string]> {
  const cp: Array<[string, string]> = [['DataTime', dataTime]];
  for (const it of items) {
    for (const v of it.values) cp.push([`${it.code}-${v.suffix}`, v.value.toFixed(v.decimals)]);
    cp.push([`${it.code}-Flag`, it.flag]);
  }
  return cp;
}

/** An upload packet (2011, 2051, 2061, …) with the given header and CP pairs. */
export function buildUpload(h: UploadHeader, cp: Array<[string, string]>): Hj212PacketInput {
  const flag = uploadFlag(h.edition, h.ack);
  const p: Hj212PacketInput = { qn: h.qn, st: h.st, cn: h.cn, pw: h.pw, mn: h.mn, cp };
  // A 2005 logger that wants no answer sends neither QN nor Flag (docs/standards/hj212.md §1.12).
  if (h.edition === '2005' && !h.ack) delete p.qn;
  if (flag !== undefined) p.flag = flag;
  return p;
}
