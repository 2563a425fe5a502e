// AQI categories: HJ 633-2012 Table 2 and Appendix A (colours); same classes in HJ 633-2026
// (docs/standards/aqi.md §2.3).

/** AQI level 1–6 (一级…六级). */
export type AqiLevel = 1 | 2 | 3 | 4 | 5 | 6;
/** Chinese level name. */
export type AqiLevelName = '一级' | '二级' | '三级' | '四级' | '五级' | '六级';
/** Chinese category name. */
export type AqiCategoryName = '优' | '良' | '轻度污染' | '中度污染' | '重度污染' | '严重污染';
/** Category colour, RGB hex (HJ 633-2012 Appendix A; Chinese purple is #99004C). */
export type AqiColor = '#00E400' | '#FFFF00' | '#FF7E00' | '#FF0000' | '#99004C' | '#7E0023';
/** Chinese colour name. */
export type AqiColorName = '绿' | '黄' | '橙' | '红' | '紫' | '褐红';

/** One AQI category with its AQI range (max null = open-ended). */
export interface AqiCategory {
  level: AqiLevel;
  levelName: AqiLevelName;
  name: AqiCategoryName;
  color: AqiColor;
  colorName: AqiColorName;
  rgb: readonly [number, number, number];
  min: number;
  max: number | null;
}

/** The six categories in level order (HJ 633-2012 Table 2, Appendix A). */
export const AQI_CATEGORIES: readonly Readonly<AqiCategory>[] = (
  [
    {
      level: 1,
      levelName: '一级',
      name: '优',
      color: '#00E400',
      colorName: '绿',
      rgb: [0, 228, 0],
      min: 0,
      max: 50,
    },
    {
      level: 2,
      levelName: '二级',
      name: '良',
      color: '#FFFF00',
      colorName: '黄',
      rgb: [255, 255, 0],
      min: 51,
      max: 100,
    },
    {
      level: 3,
      levelName: '三级',
      name: '轻度污染',
      color: '#FF7E00',
      colorName: '橙',
      rgb: [255, 126, 0],
      min: 101,
      max: 150,
    },
    {
      level: 4,
      levelName: '四级',
      name: '中度污染',
      color: '#FF0000',
      colorName: '红',
      rgb: [255, 0, 0],
      min: 151,
      max: 200,
    },
    {
      level: 5,
      levelName: '五级',
      name: '重度污染',
      color: '#99004C',
      colorName: '紫',
      rgb: [153, 0, 76],
      min: 201,
      max: 300,
    },
    {
      level: 6,
      levelName: '六级',
      name: '严重污染',
      color: '#7E0023',
      colorName: '褐红',
      rgb: [126, 0, 35],
      min: 301,
      max: null,
    },
  ] satisfies AqiCategory[]
).map((c) => Object.freeze(c));

/** Category names in level order. */
export const AQI_CATEGORY_NAMES: readonly AqiCategoryName[] = AQI_CATEGORIES.map((c) => c.name);

/**
 * The category of an AQI (HJ 633-2012 Table 2). AQI values are integers; a fractional input is
 * classed as its ceiling would be (50.2 → 良). 0 is 优: HJ 633-2012's range starts at 0; HJ 633-2026
 * writes 1–50, but an AQI of 0 (every concentration rounding to 0) is reported as is, not raised.
 */
export function aqiCategory(aqi: number): AqiCategory {
  if (!Number.isFinite(aqi) || aqi < 0) throw new RangeError(`AQI must be ≥ 0: ${aqi}`);
  const found = AQI_CATEGORIES.find((c) => c.max === null || aqi <= c.max);
  if (!found) throw new RangeError(`no AQI category for ${aqi}`);
  return found;
}
