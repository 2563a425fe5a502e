/**
 * Reading OBD diagnostic trouble codes as the OBD block carries them (4 bytes each, 8 hex digits,
 * standards-mobile-limits.md §1.3) and matching them against a configured list of NOx-related
 * codes (pure). Under SAE J1939 (OBD protocol 2) a DTC is SPN (19 bits: byte 1, byte 2, top 3
 * bits of byte 3) and FMI (low 5 bits of byte 3) — the J1939-73 "version 4" conversion; under
 * ISO 15765 / ISO 27145 (0, 1) the first two bytes are the ISO 15031-6 code (P/C/B/U + 4 hex
 * digits). Which codes count as NOx-related is UNVERIFIED (§2 names "MIL on … or DTCs present"
 * as a tampering sign, no list): configuration, LANTIAN_TRUCKS_NOX_DTCS. XCMG terminals write
 * DTCs little-endian (§1.5); such codes read wrong and are not corrected here.
 */

/** A DTC in readable form: 'SPN 3226 FMI 2' (J1939) or 'P20EE' (ISO), or the raw hex. */
export interface ReadDtc {
  raw: string;
  text: string;
  /** J1939 suspect parameter number, when the protocol is J1939. */
  spn: number | null;
  /** ISO 15031-6 code, when the protocol is ISO 15765 / ISO 27145. */
  iso: string | null;
}

/** Reads one DTC (8 hex digits) under an OBD protocol (0, 1 ISO; 2 J1939; null unknown). */
export function readDtc(raw: string, protocol: number | null): ReadDtc {
  const b = Buffer.from(raw, 'hex');
  if (b.length !== 4) return { raw, text: raw, spn: null, iso: null };
  if (protocol === 2) {
    const spn = b[0]! | (b[1]! << 8) | ((b[2]! >> 5) << 16);
    const fmi = b[2]! & 0x1f;
    return { raw, text: `SPN ${spn} FMI ${fmi}`, spn, iso: null };
  }
  if (protocol === 0 || protocol === 1) {
    const iso =
      'PCBU'[b[0]! >> 6]! +
      ((b[0]! >> 4) & 3).toString(16) +
      (b[0]! & 0xf).toString(16) +
      b[1]!.toString(16).padStart(2, '0');
    return { raw, text: iso.toUpperCase(), spn: null, iso: iso.toUpperCase() };
  }
  return { raw, text: raw, spn: null, iso: null };
}

/**
 * Whether a DTC is on the list: entries 'SPN<n>' match a J1939 SPN exactly, other entries are
 * prefixes of ISO codes ('P220' matches P2200–P220F).
 */
export function isListedDtc(d: ReadDtc, list: readonly string[]): boolean {
  return list.some((e) =>
    e.startsWith('SPN')
      ? d.spn !== null && d.spn === Number(e.slice(3))
      : d.iso?.startsWith(e) === true,
  );
}
