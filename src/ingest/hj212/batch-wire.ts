/**
 * A batch as it crosses to the writer thread: the numeric columns of device_values packed into
 * one transferable Float64Array (null = NaN; stored values are always finite); codes and flags,
 * which repeat, as indexes into a small dictionary (so the message copies a few dozen strings,
 * not four per row); `extra` JSON as sparse (row, text) pairs; readings and quarantine rows as
 * short arrays. The acks stay behind on the main thread, which sends them when the writer
 * reports COMMIT.
 */
import { IngestBatch } from './value-batch.ts';

const NUMS = 17;

/** The message form of a batch. */
export interface WireBatch {
  n: number;
  nums: Float64Array;
  /** Distinct codes and flags; nums hold their indexes (-1 = null). */
  dict: string[];
  /** Rows with `extra`, and its text. */
  extraRows: number[];
  extraText: string[];
  rn: number;
  readings: [number[], number[], string[], number[], Array<string | null>, number[]];
  qn: number;
  quarantine: [
    number[],
    string[],
    Array<string | null>,
    string[],
    Array<string | null>,
    Array<string | null>,
    string[],
    Array<string | null>,
  ];
}

const nan = (v: number | null | undefined): number =>
  v === null || v === undefined ? Number.NaN : v;
const nul = (v: number): number | null => (v === v ? v : null);

/** Packs the rows of a batch (not its acks). */
export function encodeBatch(b: IngestBatch): WireBatch {
  const n = b.n;
  const nums = new Float64Array(n * NUMS);
  const dict: string[] = [];
  const index = new Map<string, number>();
  const ref = (v: string | null | undefined): number => {
    if (v === null || v === undefined) return -1;
    let k = index.get(v);
    if (k === undefined) {
      k = dict.push(v) - 1;
      index.set(v, k);
    }
    return k;
  };
  const extraRows: number[] = [];
  const extraText: string[] = [];
  for (let i = 0; i < n; i++) {
    const o = i * NUMS;
    nums[o] = b.minute[i]!;
    nums[o + 1] = b.deviceId[i]!;
    nums[o + 2] = b.cn[i]!;
    nums[o + 3] = b.dataTime[i]!;
    nums[o + 4] = b.receivedAt[i]!;
    nums[o + 5] = nan(b.rtd[i]);
    nums[o + 6] = nan(b.avg[i]);
    nums[o + 7] = nan(b.min[i]);
    nums[o + 8] = nan(b.max[i]);
    nums[o + 9] = nan(b.zsRtd[i]);
    nums[o + 10] = nan(b.zsAvg[i]);
    nums[o + 11] = nan(b.zsMin[i]);
    nums[o + 12] = nan(b.zsMax[i]);
    nums[o + 13] = nan(b.cou[i]);
    nums[o + 14] = ref(b.code[i]);
    nums[o + 15] = ref(b.flag[i]);
    nums[o + 16] = ref(b.eflag[i]);
    const extra = b.extra[i];
    if (extra !== null && extra !== undefined) {
      extraRows.push(i);
      extraText.push(extra);
    }
  }
  const rn = b.rn;
  const qn = b.qn;
  return {
    n,
    nums,
    dict,
    extraRows,
    extraText,
    rn,
    readings: [
      b.rHour.slice(0, rn),
      b.rStation.slice(0, rn),
      b.rPollutant.slice(0, rn),
      b.rValue.slice(0, rn),
      b.rFlag.slice(0, rn),
      b.rSource.slice(0, rn),
    ],
    qn,
    quarantine: [
      b.qAt.slice(0, qn),
      b.qPeer.slice(0, qn),
      b.qMn.slice(0, qn),
      b.qReason.slice(0, qn),
      b.qSt.slice(0, qn),
      b.qCn.slice(0, qn),
      b.qRaw.slice(0, qn),
      b.qKey.slice(0, qn),
    ],
  };
}

/** Unpacks a batch on the writer side. */
export function decodeBatch(w: WireBatch): IngestBatch {
  const b = new IngestBatch();
  const str = (k: number): string | null => (k < 0 ? null : w.dict[k]!);
  for (let i = 0; i < w.n; i++) {
    const o = i * NUMS;
    const k = b.addRow(
      w.nums[o]!,
      w.nums[o + 1]!,
      w.nums[o + 2]!,
      w.dict[w.nums[o + 14]!]!,
      w.nums[o + 3]!,
      w.nums[o + 4]!,
    );
    b.rtd[k] = nul(w.nums[o + 5]!);
    b.avg[k] = nul(w.nums[o + 6]!);
    b.min[k] = nul(w.nums[o + 7]!);
    b.max[k] = nul(w.nums[o + 8]!);
    b.zsRtd[k] = nul(w.nums[o + 9]!);
    b.zsAvg[k] = nul(w.nums[o + 10]!);
    b.zsMin[k] = nul(w.nums[o + 11]!);
    b.zsMax[k] = nul(w.nums[o + 12]!);
    b.cou[k] = nul(w.nums[o + 13]!);
    b.flag[k] = str(w.nums[o + 15]!);
    b.eflag[k] = str(w.nums[o + 16]!);
  }
  for (let e = 0; e < w.extraRows.length; e++) b.extra[w.extraRows[e]!] = w.extraText[e]!;
  const [h, st, p, v, f, src] = w.readings;
  for (let i = 0; i < w.rn; i++) b.addReading(h[i]!, st[i]!, p[i]!, v[i]!, f[i] ?? null, src[i]!);
  const [at, peer, mn, reason, sys, cn, raw, key] = w.quarantine;
  for (let i = 0; i < w.qn; i++)
    b.addQuarantine(
      at[i]!,
      peer[i]!,
      mn[i] ?? null,
      reason[i]!,
      sys[i] ?? null,
      cn[i] ?? null,
      raw[i]!,
      key[i] ?? null,
    );
  return b;
}
