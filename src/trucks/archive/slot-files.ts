/**
 * The files of a day directory that hold a slot's frames right now (pure): per slot the newest
 * segment (`<HHMM>-<gen>.seg`) and the open files with a higher generation, ascending. A segment
 * holds every open file of its slot up to its generation, so older segments and open files with
 * a generation ≤ the newest segment's are leftovers a compaction is about to remove; temporary
 * and spill files are ignored.
 */

/** The current files of one slot, as names inside the day directory. */
export interface SlotFiles {
  slot: string;
  seg: string | null;
  opens: string[];
}

const FILE_NAME = /^(\d{4})-(\d{6})\.(open|seg)$/;

/** The current files of each slot of a day directory's listing, slots ascending. */
export function currentSlotFiles(names: readonly string[]): SlotFiles[] {
  const found = new Map<string, { segs: Map<number, string>; opens: Map<number, string> }>();
  for (const name of names) {
    const m = FILE_NAME.exec(name);
    if (!m) continue;
    let f = found.get(m[1]!);
    if (!f) found.set(m[1]!, (f = { segs: new Map(), opens: new Map() }));
    (m[3] === 'seg' ? f.segs : f.opens).set(Number(m[2]), name);
  }
  return [...found]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([slot, f]) => {
      const segGen = f.segs.size ? Math.max(...f.segs.keys()) : 0;
      const opens = [...f.opens]
        .filter(([g]) => g > segGen)
        .sort(([a], [b]) => a - b)
        .map(([, name]) => name);
      return { slot, seg: segGen ? f.segs.get(segGen)! : null, opens };
    });
}
