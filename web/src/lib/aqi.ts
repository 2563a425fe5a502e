/**
 * AQI categories and colours for charts, taken from the standards core itself (HJ 633-2012
 * Table 2 and Appendix A; the same classes in HJ 633-2026), so that the dashboard can never
 * disagree with the API: 优 #00E400, 良 #FFFF00, 轻度 #FF7E00, 中度 #FF0000, 重度 #99004C,
 * 严重 #7E0023.
 */
import { AQI_CATEGORIES, aqiCategory } from '../../../src/standards/aqi/categories.ts';
import { IAQI_TABLES } from '../../../src/standards/aqi/iaqi-tables.ts';
import type { AqiEdition } from '../../../src/standards/editions.ts';

export { AQI_CATEGORIES, aqiCategory };

/** Colour for missing data. */
export const NO_DATA_COLOR = '#d5dbe3';

/** One piece of a piecewise visual map (ECharts visualMap.pieces). */
export interface ColorPiece {
  min: number;
  max?: number;
  color: string;
  label: string;
}

/** Visual-map pieces of the six AQI categories (integer AQI). */
export function aqiPieces(): ColorPiece[] {
  return AQI_CATEGORIES.map((c) => ({
    min: c.min,
    ...(c.max === null ? {} : { max: c.max + 0.999 }),
    color: c.color,
    label: c.max === null ? `${c.name}（>${c.min - 1}）` : `${c.name}（${c.min}–${c.max}）`,
  }));
}

/**
 * Pieces for PM2.5 concentrations by the IAQI breakpoints of the 24-h column (HJ 633 Table 1;
 * the 良 upper bound is 75 under the 2012 edition, 60 under 2026), coloured like the AQI
 * categories they map to.
 */
export function pm25Pieces(edition: AqiEdition = 'HJ633-2012'): ColorPiece[] {
  const bp = IAQI_TABLES[edition]['PM2.5_24h'].breakpoints;
  return AQI_CATEGORIES.map((c, i) => {
    const lo = bp[i]!;
    const hi = i + 1 < 6 ? bp[i + 1] : undefined;
    return {
      min: lo,
      ...(hi === undefined ? {} : { max: hi }),
      color: c.color,
      label: hi === undefined ? `>${lo}` : `${lo}–${hi}`,
    };
  });
}

/** Category colour of an AQI, or the no-data colour. */
export function aqiColor(aqi: number | null | undefined): string {
  if (aqi === null || aqi === undefined || !Number.isFinite(aqi)) return NO_DATA_COLOR;
  return aqiCategory(Math.max(0, aqi)).color;
}

/** Readable text colour on a category colour (dark on green and yellow, white otherwise). */
export function textOn(color: string | null | undefined): string {
  return color === '#00E400' || color === '#FFFF00' || color === '#FF7E00' || !color
    ? '#1f2d3d'
    : '#ffffff';
}

/** Colour of the piece a value falls in, or the no-data colour. */
export function pieceColor(pieces: readonly ColorPiece[], v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return NO_DATA_COLOR;
  const p = pieces.find((x) => v >= x.min && (x.max === undefined || v <= x.max));
  return p?.color ?? NO_DATA_COLOR;
}
