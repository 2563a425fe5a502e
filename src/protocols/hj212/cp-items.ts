// Structured view of a CP area grouped by pollutant / parameter code (HJ 212-2017 §6.3.3,
// Table 4; suffixes of docs/standards/hj212.md §1.5). Values and flags stay strings exactly as
// received: flags are open (2017 N/F/M/S/D/C/T/B, 2005 P and 0–3, sector extensions like `St`,
// `Md`), and codes may be 2017 (`a21026`), 2005 (`011`, `B01`, `060`) or vendor-specific (`ele01`).

import { cpCode } from './cp.ts';
import type { Hj212Packet } from './packet.ts';

/** Values of one pollutant code by suffix; any suffix not listed is kept under its own name. */
export interface CpItem {
  Rtd?: string;
  Min?: string;
  Avg?: string;
  Max?: string;
  ZsRtd?: string;
  ZsMin?: string;
  ZsAvg?: string;
  ZsMax?: string;
  Cou?: string;
  Flag?: string;
  EFlag?: string;
  SampleTime?: string;
  SN?: string;
  [suffix: string]: string | undefined;
}

/** A CP area grouped by code: DataTime, items by code in wire order, other pairs in order. */
export interface CpItems {
  dataTime?: string;
  items: Map<string, CpItem>;
  /** Pairs without a code (QnRtn, RtdInterval, …), extra DataTimes and repeated suffixes. */
  other: Array<[string, string]>;
}

/**
 * Groups the CP pairs of a packet by code (`a21026-Rtd` → items.get('a21026').Rtd). A suffix
 * repeated for one code (e.g. a second `-Flag` after `-Cou`) keeps its first value in items and
 * the repeat goes to `other`, so nothing is lost; the packet's `cp` list stays the full record.
 */
export function cpItems(p: Pick<Hj212Packet, 'cp'>): CpItems {
  const result: CpItems = { items: new Map(), other: [] };
  for (const pair of p.cp) {
    const [key, value] = pair;
    const code = cpCode(key);
    if (code === undefined) {
      if (key === 'DataTime' && result.dataTime === undefined) result.dataTime = value;
      else result.other.push([key, value]);
      continue;
    }
    const suffix = key.slice(code.length + 1);
    let item = result.items.get(code);
    if (item === undefined) {
      // No prototype: a hostile suffix such as `__proto__` stays an ordinary key.
      item = Object.create(null) as CpItem;
      result.items.set(code, item);
    }
    if (Object.hasOwn(item, suffix)) result.other.push([key, value]);
    else item[suffix] = value;
  }
  return result;
}
