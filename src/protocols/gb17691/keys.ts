// Keys the decoder may be given per vehicle. Without them, signatures are reported but not
// checked, and encrypted data units are rejected with `encrypted_no_key`. The platform decides
// where keys come from (e.g. the security-chip public keys of activated terminals).

/** The SM2 public key of a vehicle's security chip. */
export interface SignerKey {
  /** 64 bytes X‖Y, or 65 bytes with a leading 0x04. */
  readonly publicKey: Uint8Array;
  /**
   * SM2 user ID: the chip ID (16 ASCII characters) per HJ 1239 implementations. For activation
   * frames the chip ID carried in the frame is used when this is absent.
   */
  readonly userId?: string;
}

/** Key lookups of the decoder, by VIN. */
export interface Gb17691Keys {
  /** The signing key of the vehicle's terminal, when configured. */
  signer?(vin: string): SignerKey | undefined;
  /**
   * Decrypts a data unit sent with encryption byte `encryption` (0x02–0x05; which cipher each
   * value means is UNVERIFIED, see encryption.ts). Returns undefined when no key is configured
   * for the vehicle; throws when decryption fails.
   */
  decrypt?(vin: string, encryption: number, data: Buffer): Buffer | undefined;
}
