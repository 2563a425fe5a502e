/** Chinese names the compliance tab shows (levels, pollutants, statuses). */
export const LEVEL_NAMES: Readonly<Record<string, string>> = {
  yellow: '黄色预警',
  orange: '橙色预警',
  red: '红色预警',
};
export const LEVEL_COLORS: Readonly<Record<string, string>> = {
  yellow: '#E6B800',
  orange: '#FF7E00',
  red: '#E02020',
};
export const POLLUTANT_NAMES: Readonly<Record<string, string>> = {
  SO2: '二氧化硫',
  NOx: '氮氧化物',
  PM: '颗粒物',
  VOCs: '挥发性有机物',
};
export const STATUS_TAGS: Readonly<
  Record<string, { text: string; type: 'danger' | 'warning' | 'success' }>
> = {
  open: { text: '待交办', type: 'danger' },
  assigned: { text: '已交办', type: 'warning' },
  closed: { text: '已办结', type: 'success' },
};
