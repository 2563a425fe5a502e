/** Tables of the sources domain (enterprise outlets; migration 0003). */
import type { Generated } from 'kysely';

/**
 * An enterprise discharge outlet (排放口): a stack with a CEMS, a VOC monitor or a dust monitor
 * that reports over HJ 212 (ST=31/27/39). Minimal for now: code, name, enterprise, region.
 */
export interface OutletTable {
  id: Generated<number>;
  code: string;
  name: string;
  enterprise: string | null;
  region_adcode: string | null;
  created_at: number;
  updated_at: number;
}

/** Tables of the sources domain. */
export interface SourceTables {
  outlets: OutletTable;
}
