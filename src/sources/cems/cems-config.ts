/**
 * The CEMS rules' configuration: sector default limits, the data-flag policy and the
 * stable-ultra-low rule, read from data/sources/ultra-low-limits.json (editable, each entry with
 * its basis; docs/standards/ultra-low.md §1, §3, §5). Read once per process.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { StableRule } from './rules/compliance.ts';
import type { FlagPolicy } from './rules/flag-validity.ts';
import type { SectorLimits } from './rules/limits.ts';

const LIMITS_FILE = fileURLToPath(
  new URL('../../../data/sources/ultra-low-limits.json', import.meta.url),
);

const codes = z.array(z.string().min(1));
const fileSchema = z.object({
  edition: z.string().min(1),
  sectors: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string(),
      industries: codes,
      outletKinds: codes,
      processes: codes,
      refO2: z.number().min(0).lt(21).nullable(),
      limits: z.record(z.string(), z.number().positive()),
      basis: z.string().min(1),
      status: z.string(),
    }),
  ),
  flags: z.object({
    valid: codes,
    marked: codes,
    invalid: codes,
    unknown: z.enum(['valid', 'invalid']),
    basis: z.string(),
  }),
  stableUltraLow: z.object({
    minShare: z.number().gt(0).max(1),
    noDayMeanOver: z.boolean(),
    basis: z.string().min(1),
  }),
});

/** Everything the CEMS rules are configured with. */
export interface CemsConfig {
  /** Edition of the limits file (named by every result). */
  edition: string;
  sectors: readonly SectorLimits[];
  flags: FlagPolicy;
  stable: StableRule;
}

let loaded: CemsConfig | undefined;

/** The configuration of data/sources/ultra-low-limits.json (or of `file`, read anew). */
export function cemsConfig(file?: string): CemsConfig {
  if (file === undefined && loaded !== undefined) return loaded;
  const raw = fileSchema.parse(JSON.parse(readFileSync(file ?? LIMITS_FILE, 'utf8')));
  const config: CemsConfig = {
    edition: raw.edition,
    sectors: raw.sectors,
    flags: raw.flags,
    stable: raw.stableUltraLow,
  };
  if (file === undefined) loaded = config;
  return config;
}
