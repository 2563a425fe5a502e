// The encryption byte of the frame header. Meanings differ between the standards and are
// partly UNVERIFIED (docs/standards/gb17691.md §1, docs/trucks.md):
// - GB 17691-2018 Annex Q: 0x01 none, 0x02 RSA, 0x03 SM2, 0xFE abnormal, 0xFF invalid.
// - HJ 1239 (one tool and one draft agree; another implementation disagrees): 0x01 none,
//   0x02 SM2, 0x03 SM4, 0x04 RSA, 0x05 AES128, 0xFE, 0xFF.
// The codec therefore treats 0x02–0x05 as "encrypted" (decodable only with a decryption key),
// 0x01 as plain, and anything else as plain with an `unusual_encryption` warning.

/** The normal value: the data unit is not encrypted. */
export const ENCRYPTION_NONE = 0x01;

/** Whether the byte marks an encrypted data unit (0x02–0x05 in either table). */
export function isEncrypted(encryption: number): boolean {
  return encryption >= 0x02 && encryption <= 0x05;
}

/** What the byte means in each table, for details shown to installers. */
export function encryptionName(encryption: number): string {
  switch (encryption) {
    case 0x01:
      return '不加密';
    case 0x02:
      return 'RSA（GB 17691）或 SM2（HJ 1239）';
    case 0x03:
      return 'SM2（GB 17691）或 SM4（HJ 1239）';
    case 0x04:
      return 'RSA（HJ 1239）';
    case 0x05:
      return 'AES128（HJ 1239）';
    case 0xfe:
      return '异常';
    case 0xff:
      return '无效';
    default:
      return `未定义（0x${encryption.toString(16).padStart(2, '0').toUpperCase()}）`;
  }
}
