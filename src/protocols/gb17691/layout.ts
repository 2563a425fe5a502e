// The three layouts of a real-time (0x02) or reissue (0x03) data unit and how one is chosen
// (docs/standards/gb17691.md §4; docs/trucks.md "Which layout"):
//   hj1239               send time(6) | serial WORD | {type | collection time(6) | body}… |
// [signature]
//   gb-serial-first      time(6) | serial WORD | {type | body}…           (Annex Q reading A)
//   gb-serial-per-block  time(6) | {type | serial WORD | body}…           (Annex Q reading B)
// The BCC is blind to the order of fields, so the data unit itself must tell: a layout fits when
// its blocks, walked with their known sizes, end exactly at the end of the data unit.

import { bodySize } from './blocks.ts';
import { SIGNATURE_TAG, signatureLength } from './signature.ts';
import { isValidTime, TIME_BYTES } from './time.ts';

/** A real-time data-unit layout. */
export type Layout = 'hj1239' | 'gb-serial-first' | 'gb-serial-per-block';

/** All layouts, in the order used to break a tie when nothing else decides. */
export const LAYOUTS: readonly Layout[] = ['hj1239', 'gb-serial-first', 'gb-serial-per-block'];

/** Where one block lies in the data unit. */
export interface BlockSlice {
  readonly type: number;
  /** Offset of the collection time (hj1239) or -1. */
  readonly timeAt: number;
  /** Offset of the per-block serial (gb-serial-per-block) or -1. */
  readonly serialAt: number;
  readonly bodyAt: number;
  readonly size: number;
  /** The type's size is unknown: the body is the rest of the data unit, kept as bytes. */
  readonly unknown: boolean;
}

/** A layout that fits the data unit. */
export interface LayoutFit {
  readonly ok: true;
  readonly layout: Layout;
  readonly blocks: BlockSlice[];
  /** Offset of the trailing signature (hj1239) or -1. */
  readonly signatureAt: number;
  /** Ends with a block of unknown size (weaker evidence than an exact fit). */
  readonly unknownTail: boolean;
  /** Block collection times that are not valid dates (hj1239). */
  readonly badTimes: number;
}

/** Why a layout does not fit. */
export interface LayoutMiss {
  readonly ok: false;
  readonly layout: Layout;
  readonly kind: 'truncated' | 'bad_type' | 'short';
  readonly detail: string;
}

/** Result of walking one layout. */
export type LayoutWalk = LayoutFit | LayoutMiss;

/**
 * Whether an info type may end a data unit as bytes of unknown size: only the user-defined range
 * 0x81–0xFE (0x03–0x7F are reserved in Annex Q table Q.6 except the HJ 1239 types 0x03–0x05).
 */
export function isUserDefinedType(type: number): boolean {
  return type >= 0x81 && type <= 0xfe;
}

/** Walks the data unit data[0, end) as `layout`. */
export function walkLayout(
  layout: Layout,
  data: Uint8Array,
  end: number,
  extraSizes?: ReadonlyMap<number, number>,
): LayoutWalk {
  const head = layout === 'gb-serial-per-block' ? TIME_BYTES : TIME_BYTES + 2;
  if (end < head) return miss(layout, 'short', `数据单元只有 ${end} 字节，不足 ${head} 字节`);
  const hj = layout === 'hj1239';
  const perBlock = layout === 'gb-serial-per-block';
  const before = 1 + (hj ? TIME_BYTES : 0) + (perBlock ? 2 : 0);
  const blocks: BlockSlice[] = [];
  let badTimes = 0;
  let p = head;
  while (p < end) {
    const type = data[p]!;
    if (hj && type === SIGNATURE_TAG && signatureLength(data, p, end) > 0) {
      return { ok: true, layout, blocks, signatureAt: p, unknownTail: false, badTimes };
    }
    const bodyAt = p + before;
    const n = blocks.length + 1;
    if (bodyAt > end)
      return miss(layout, 'truncated', `第 ${n} 个信息体（类型 ${hex2(type)}）的头部不完整`);
    const size = bodySize(type, data, bodyAt, end, extraSizes);
    if (size === undefined) {
      if (!isUserDefinedType(type)) {
        return miss(
          layout,
          'bad_type',
          `第 ${n} 个信息体的类型 ${hex2(type)} 不是已定义的信息类型`,
        );
      }
      blocks.push(slice(type, hj ? p + 1 : -1, perBlock ? p + 1 : -1, bodyAt, end - bodyAt, true));
      if (hj && !isValidTime(data, p + 1)) badTimes++;
      return { ok: true, layout, blocks, signatureAt: -1, unknownTail: true, badTimes };
    }
    if (size < 0 || bodyAt + size > end) {
      const missing = size < 0 ? '' : `，缺 ${bodyAt + size - end} 字节`;
      return miss(layout, 'truncated', `第 ${n} 个信息体（类型 ${hex2(type)}）不完整${missing}`);
    }
    if (hj && !isValidTime(data, p + 1)) badTimes++;
    blocks.push(slice(type, hj ? p + 1 : -1, perBlock ? p + 1 : -1, bodyAt, size, false));
    p = bodyAt + size;
  }
  return { ok: true, layout, blocks, signatureAt: -1, unknownTail: false, badTimes };
}

/** The outcome of choosing a layout: the fit, and the other layouts that fitted as well. */
export interface LayoutChoice {
  readonly fit: LayoutFit;
  /** Other layouts that fit equally well when the tie was broken by the default order. */
  readonly alsoFits: readonly Layout[];
}

/**
 * Chooses the layout of a data unit (docs/standards/gb17691.md §4, the decision rule), by tiers of
 * evidence:
 * 1. a preferred layout (configured for the vehicle, or learned from its earlier unambiguous
 *    frames) that fits exactly is taken without trying the others; the layout configured for
 *    the vehicle (`configured`) is taken even when it ends in a block of unknown size (a
 *    user-defined block whose size the platform was not told): the installer's word beats a
 *    coincidental exact fit of another layout;
 * 2. exact fits whose block times are valid dates (only hj1239 blocks carry times);
 * 3. a preferred layout that fits with a trailing block of unknown size;
 * 4. exact fits with block times that are not dates;
 * 5. fits ending in a block of unknown size that decoded the most known bytes.
 * Within a tier a single fit wins; several are decided by the preferred layouts, else by the
 * order of LAYOUTS — and then reported in `alsoFits`. Returns the walks when none fits.
 */
export function chooseLayout(
  data: Uint8Array,
  end: number,
  preferred: readonly Layout[],
  extraSizes?: ReadonlyMap<number, number>,
  configured?: Layout,
): LayoutChoice | { readonly misses: readonly LayoutMiss[] } {
  for (const layout of preferred) {
    const w = walkLayout(layout, data, end, extraSizes);
    if (w.ok && (!w.unknownTail || layout === configured)) return { fit: w, alsoFits: [] };
  }
  const walks = LAYOUTS.map((l) => walkLayout(l, data, end, extraSizes));
  const fits = walks.filter((w): w is LayoutFit => w.ok);
  if (fits.length === 0) return { misses: walks as LayoutMiss[] };
  const exact = fits.filter((f) => !f.unknownTail);
  const sane = exact.filter((f) => f.badTimes === 0);
  if (sane.length > 0) return pick(sane, preferred);
  const preferredTail = preferred.map((l) => fits.find((f) => f.layout === l)).find(Boolean);
  if (preferredTail) return { fit: preferredTail, alsoFits: [] };
  if (exact.length > 0) return pick(exact, preferred);
  const best = Math.max(...fits.map(knownBytes));
  return pick(
    fits.filter((f) => knownBytes(f) === best),
    preferred,
  );
}

function pick(pool: LayoutFit[], preferred: readonly Layout[]): LayoutChoice {
  if (pool.length === 1) return { fit: pool[0]!, alsoFits: [] };
  const byPreference = preferred.map((l) => pool.find((f) => f.layout === l)).find(Boolean);
  if (byPreference) return { fit: byPreference, alsoFits: [] };
  return { fit: pool[0]!, alsoFits: pool.slice(1).map((f) => f.layout) };
}

function knownBytes(f: LayoutFit): number {
  const last = f.blocks[f.blocks.length - 1];
  return last === undefined ? 0 : last.unknown ? last.bodyAt : last.bodyAt + last.size;
}

function slice(
  type: number,
  timeAt: number,
  serialAt: number,
  bodyAt: number,
  size: number,
  unknown: boolean,
): BlockSlice {
  return { type, timeAt, serialAt, bodyAt, size, unknown };
}

function miss(layout: Layout, kind: LayoutMiss['kind'], detail: string): LayoutMiss {
  return { ok: false, layout, kind, detail };
}

function hex2(n: number): string {
  return '0x' + n.toString(16).padStart(2, '0').toUpperCase();
}
