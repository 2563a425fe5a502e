/** Chinese names of roadside device kinds, measured quantities and verdicts (src/roadside/rules/). */
export const KIND_NAMES: Readonly<Record<string, string>> = {
  'remote-sensing': '遥感监测',
  'black-smoke': '黑烟抓拍',
  'roadside-check': '路检路查',
};

export const POLLUTANT_NAMES: Readonly<Record<string, string>> = {
  CO: 'CO',
  HC: 'HC',
  NO: 'NO',
  opacity: '不透光度',
  ringelmann: '林格曼黑度',
};

/** Units of the measured quantities. */
export const UNITS: Readonly<Record<string, string>> = {
  CO: '%',
  HC: 'ppm',
  NO: 'ppm',
  opacity: 'm⁻¹',
  ringelmann: '级',
};

/** The month before today's (YYYY-MM, Beijing): the month a notice is usually issued for. */
export function lastMonth(now: number = Date.now()): string {
  const d = new Date(now + 8 * 3_600_000);
  const y = d.getUTCMonth() === 0 ? d.getUTCFullYear() - 1 : d.getUTCFullYear();
  const m = d.getUTCMonth() === 0 ? 12 : d.getUTCMonth();
  return `${y}-${String(m).padStart(2, '0')}`;
}

/** True when a photo reference is a stored blob (else a name given by an import). */
export const isStoredPhoto = (ref: string): boolean => /^[0-9a-f]{64}$/.test(ref);
