/**
 * The registry as the listener needs it, in memory: VIN → id, reply mode, layout, county and the
 * terminal's SM2 signing key (with the chip ID as SM2 user ID).
 */
import type { Layout, ReplyMode, SignerKey } from '../../protocols/gb17691/index.ts';
import type { Db } from '../../store/db.ts';

/** A registered vehicle as the listener sees it. */
export interface CachedVehicle {
  id: number;
  vin: string;
  replyMode: ReplyMode;
  layout: Layout | undefined;
  regionAdcode: string;
  signer: SignerKey | undefined;
}

/** VIN → registered vehicle, reloaded from the store on demand and periodically. */
export class VehicleCache {
  private byVin = new Map<string, CachedVehicle>();

  constructor(private readonly db: Db) {}

  /** Reads the registry again. */
  async reload(): Promise<void> {
    const rows = await this.db.kysely
      .selectFrom('truck_vehicles')
      .select(['id', 'vin', 'reply_mode', 'layout', 'region_adcode', 'sign_key', 'chip_id'])
      .execute();
    const next = new Map<string, CachedVehicle>();
    for (const r of rows) {
      next.set(r.vin, {
        id: r.id,
        vin: r.vin,
        replyMode: r.reply_mode === 'gb' ? 'gb' : 'hj',
        layout: (r.layout ?? undefined) as Layout | undefined,
        regionAdcode: r.region_adcode,
        signer:
          r.sign_key === null
            ? undefined
            : {
                publicKey: Buffer.from(r.sign_key, 'hex'),
                ...(r.chip_id === null ? {} : { userId: r.chip_id }),
              },
      });
    }
    this.byVin = next;
  }

  get(vin: string): CachedVehicle | undefined {
    return this.byVin.get(vin);
  }
}
