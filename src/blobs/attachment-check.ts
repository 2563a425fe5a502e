/**
 * The attachment rules (pure): a size limit and a list of allowed types, the type being what the
 * content shows; a file whose extension claims another type than its content is refused too.
 */
import { LantianError } from '../errors.ts';
import type { BlobPolicy } from './blob-store.ts';
import { detectMediaType, EXTENSION_TYPES, extensionOf } from './sniff-type.ts';

/** Checks a file against a policy; returns its media type or throws a catalogue error. */
export function checkAttachment(data: Uint8Array, filename: string, policy: BlobPolicy): string {
  if (data.length > policy.maxBytes) {
    throw new LantianError(
      'LT_ERR_ATTACHMENT_TOO_LARGE',
      `${filename}：${formatBytes(data.length)}，上限 ${formatBytes(policy.maxBytes)}`,
      { size: data.length, maxBytes: policy.maxBytes },
    );
  }
  if (data.length === 0) throw new LantianError('LT_ERR_ATTACHMENT_TYPE', `${filename}：空文件`);
  const type = detectMediaType(data, filename);
  if (type === null || !policy.allowedTypes.includes(type)) {
    throw new LantianError(
      'LT_ERR_ATTACHMENT_TYPE',
      `${filename}：内容为 ${type ?? '未知类型'}，允许 ${policy.allowedTypes.join('、')}`,
      { detected: type, allowed: policy.allowedTypes },
    );
  }
  const ext = extensionOf(filename);
  const claimed = EXTENSION_TYPES[ext];
  if (claimed !== type) {
    throw new LantianError(
      'LT_ERR_ATTACHMENT_TYPE',
      `${filename}：扩展名 .${ext || '（无）'} 与内容（${type}）不符`,
      { detected: type, extension: ext },
    );
  }
  return type;
}

/** Bytes in a short human form (KB/MB, base 1024). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
