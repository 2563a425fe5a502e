// What decoding a data unit needs to know besides its bytes, and how it reports its outcome.

import type { Gb17691Keys } from './keys.ts';
import type { Layout } from './layout.ts';
import type { Gb17691Warning, RejectReason, WarningCode } from './reason-codes.ts';

/** Decoding context of one frame. */
export interface UnitContext {
  readonly vin: string;
  /** Layouts to try first (configured for the vehicle, then learned from its frames). */
  readonly preferredLayouts: readonly Layout[];
  /** The layout configured for the vehicle, if any (also first in preferredLayouts). */
  readonly configuredLayout?: Layout;
  /** Sizes of user-defined info types (0x81–0xFE) that the platform knows. */
  readonly extraSizes?: ReadonlyMap<number, number>;
  readonly keys?: Gb17691Keys;
  readonly warnings: Gb17691Warning[];
}

/** A data unit that could not be decoded. */
export interface UnitFailure {
  readonly ok: false;
  readonly reason: RejectReason;
  readonly detail: string;
}

/** A decoded data unit, or why it failed. */
export type UnitResult<T> = { readonly ok: true; readonly value: T } | UnitFailure;

/** Adds a warning to the context. */
export function warn(ctx: UnitContext, code: WarningCode, detail: string): void {
  ctx.warnings.push({ code, detail });
}

/** A failure result. */
export function fail(reason: RejectReason, detail: string): UnitFailure {
  return { ok: false, reason, detail };
}
