/**
 * The industry code list of the registry, read once from data/sources/industries.json: the 39
 * industries of the 2020 emergency-reduction technical guide, coal power and 其他
 * (docs/standards/enterprises.md §2).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const Industry = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]*$/),
  name: z.string().min(1),
  /** Position in the 2020 guide's list, null when not one of its 39. */
  guide: z.number().int().nullable(),
  /** False where the name or order could not be checked against the guide's text. */
  verified: z.boolean(),
});

/** One industry of the list. */
export type Industry = z.infer<typeof Industry>;

const FILE = fileURLToPath(new URL('../../../data/sources/industries.json', import.meta.url));

let cached: Industry[] | undefined;

/** Every industry, in the guide's order, then coal power and 其他. */
export function industries(): Industry[] {
  cached ??= z
    .object({ industries: z.array(Industry) })
    .parse(JSON.parse(readFileSync(FILE, 'utf8'))).industries;
  return cached;
}

/** The industry with this code or Chinese name, or undefined. */
export function industryOf(codeOrName: string): Industry | undefined {
  const t = codeOrName.trim();
  return industries().find((i) => i.code === t || i.name === t);
}
