/**
 * The 8 standards (建筑扬尘治理 8 条标准, plan 四.2) a site is checked against: a data file
 * (data/dust/eight-standards.json), UNVERIFIED wording (docs/standards/dust-fall.md §3).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FILE = fileURLToPath(new URL('../../data/dust/eight-standards.json', import.meta.url));

/** The checklist: its edition and items in order. */
export interface EightStandards {
  edition: string;
  items: Array<{ key: string; name: string }>;
}

let cached: EightStandards | null = null;

/** The shipped checklist (read once). */
export function eightStandards(): EightStandards {
  cached ??= JSON.parse(readFileSync(FILE, 'utf8')) as EightStandards;
  return cached;
}
