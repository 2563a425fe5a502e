/**
 * The BlobStore seam (docs/architecture.md, Seams): where uploaded files live. Blobs are
 * content-addressed by SHA-256, so storing the same photo twice keeps one copy and a blob never
 * changes once written. `put` enforces the caller's limits on size and type (by content, see
 * attachment-check.ts).
 */

/** A stored blob. */
export interface BlobMeta {
  /** Lower-case hex SHA-256 of the content: the blob's address. */
  sha256: string;
  size: number;
  /** The media type found by content sniffing. */
  mediaType: string;
}

/** The limits a caller puts on what it stores. */
export interface BlobPolicy {
  maxBytes: number;
  /** Media types accepted (as sniffed). */
  allowedTypes: readonly string[];
}

/** Stores and returns blobs. */
export interface BlobStore {
  /** Checks `data` against the policy (LT_ERR_ATTACHMENT_TOO_LARGE / _TYPE) and stores it. */
  put(data: Uint8Array, filename: string, policy: BlobPolicy): Promise<BlobMeta>;
  /** The content of a blob, or undefined when there is none with that address. */
  get(sha256: string): Promise<Buffer | undefined>;
  /** True when a blob with that address is stored. */
  has(sha256: string): Promise<boolean>;
}

const SHA256_RE = /^[0-9a-f]{64}$/;

/** True when `s` is a blob address (64 lower-case hex digits). */
export function isBlobAddress(s: string): boolean {
  return SHA256_RE.test(s);
}
