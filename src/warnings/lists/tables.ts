/**
 * The one table the lists add (migration 0019): how many heavy trucks enter an enterprise a day
 * for bulk transport, which decides the truck ban at orange and above (§2.5 of
 * standards-warnings-grading.md, `truckBan.minTrucksPerDay` in data/warnings/emergency-matrix.json).
 * Gate-ledger data (a later issue) may fill it; until then the bureau enters it.
 */
export interface EmergencyTransportTable {
  enterprise_id: number;
  trucks_per_day: number;
  updated_by: string;
  updated_at: number;
}

/** Tables of the emergency-reduction lists beyond migration 0016. */
export interface ListTables {
  emergency_transport: EmergencyTransportTable;
}
