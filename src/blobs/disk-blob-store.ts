/**
 * The on-disk BlobStore: `<root>/<aa>/<bb>/<sha256>` (root default ./var/blobs, LANTIAN_BLOB_DIR).
 * Writes go to a temporary file first and are renamed into place, so a crash never leaves a
 * half-written blob under its address.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkAttachment } from './attachment-check.ts';
import { isBlobAddress, type BlobMeta, type BlobPolicy, type BlobStore } from './blob-store.ts';

/** A BlobStore on the local file system. */
export class DiskBlobStore implements BlobStore {
  constructor(readonly root: string) {}

  /** Where a blob with that address lives (its address is checked first). */
  pathOf(sha256: string): string {
    if (!isBlobAddress(sha256)) throw new Error(`not a blob address: ${sha256}`);
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(data: Uint8Array, filename: string, policy: BlobPolicy): Promise<BlobMeta> {
    const mediaType = checkAttachment(data, filename, policy);
    const sha256 = createHash('sha256').update(data).digest('hex');
    const path = this.pathOf(sha256);
    if (!existsSync(path)) {
      const dir = join(this.root, sha256.slice(0, 2), sha256.slice(2, 4));
      await mkdir(dir, { recursive: true });
      const tmp = join(dir, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
      try {
        await writeFile(tmp, data, { flag: 'wx' });
        await rename(tmp, path);
      } catch (e) {
        await rm(tmp, { force: true });
        throw e;
      }
    }
    return { sha256, size: data.length, mediaType };
  }

  async get(sha256: string): Promise<Buffer | undefined> {
    if (!isBlobAddress(sha256)) return undefined;
    try {
      return await readFile(this.pathOf(sha256));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  async has(sha256: string): Promise<boolean> {
    return isBlobAddress(sha256) && existsSync(this.pathOf(sha256));
  }

  /**
   * Deletes the blob with that address; returns the bytes freed (0 when there was none). The
   * caller decides that nothing refers to it any more (blobs are shared by content).
   */
  async remove(sha256: string): Promise<number> {
    if (!isBlobAddress(sha256)) return 0;
    const path = this.pathOf(sha256);
    try {
      const { size } = await stat(path);
      await rm(path);
      return size;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw e;
    }
  }
}
