/** Chinese names of the forecast store's codes (levels, origins, diff changes). */
export const LEVEL_NAMES: Readonly<Record<string, string>> = {
  none: '不启动预警',
  yellow: '黄色预警（III级）',
  orange: '橙色预警（II级）',
  red: '红色预警（I级）',
};

/** Element Plus tag types of the levels. */
export const LEVEL_TAGS: Readonly<Record<string, 'info' | 'warning' | 'danger' | 'primary'>> = {
  none: 'info',
  yellow: 'warning',
  orange: 'warning',
  red: 'danger',
};

export const ORIGIN_NAMES: Readonly<Record<string, string>> = {
  manual: '手工录入',
  import: '文件导入',
  api: '接口推送',
};

export const CHANGE_NAMES: Readonly<Record<string, string>> = {
  added: '新增',
  removed: '删除',
  changed: '变化',
  same: '不变',
};

export const CAUSE_NAMES: Readonly<Record<string, string>> = {
  dust: '沙尘',
  fire: '火点',
  'blowing-dust': '局地扬尘',
  transboundary: '区域传输',
};

/** `180–220` for a range, `215` for a single value. */
export function aqiText(aqi: number, aqiLow: number | null): string {
  return aqiLow === null ? String(aqi) : `${aqiLow}–${aqi}`;
}
