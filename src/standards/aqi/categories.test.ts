import { describe, expect, it } from 'vitest';
import { aqiCategory } from './categories.ts';

describe('aqiCategory (HJ 633-2012 Table 2, Appendix A)', () => {
  it.each([
    [0, 1, '一级', '优', '#00E400', '绿'],
    [50, 1, '一级', '优', '#00E400', '绿'],
    [51, 2, '二级', '良', '#FFFF00', '黄'],
    [100, 2, '二级', '良', '#FFFF00', '黄'],
    [101, 3, '三级', '轻度污染', '#FF7E00', '橙'],
    [150, 3, '三级', '轻度污染', '#FF7E00', '橙'],
    [151, 4, '四级', '中度污染', '#FF0000', '红'],
    [200, 4, '四级', '中度污染', '#FF0000', '红'],
    [201, 5, '五级', '重度污染', '#99004C', '紫'],
    [300, 5, '五级', '重度污染', '#99004C', '紫'],
    [301, 6, '六级', '严重污染', '#7E0023', '褐红'],
    [500, 6, '六级', '严重污染', '#7E0023', '褐红'],
  ])('AQI %d → level %d %s %s %s %s', (aqi, level, levelName, name, color, colorName) => {
    expect(aqiCategory(aqi)).toMatchObject({ level, levelName, name, color, colorName });
  });

  it('classes a fractional AQI like its ceiling and rejects negatives', () => {
    expect(aqiCategory(50.2).name).toBe('良');
    expect(() => aqiCategory(-1)).toThrow(RangeError);
    expect(() => aqiCategory(Number.NaN)).toThrow(RangeError);
  });
});
