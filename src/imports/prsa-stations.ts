/**
 * The 12 national-control stations of Beijing in the PRSA data set (UCI "Beijing Multi-Site
 * Air-Quality Data", CC BY 4.0), with their CNEMC station codes and published coordinates, and
 * the district each stands in (the data set's own description of its sites).
 */
import type { RegionInput } from '../air/region-repo.ts';

/** One PRSA site and what Lantian registers it as. */
export interface PrsaSite {
  /** The `station` column and file-name part of the data set. */
  site: string;
  code: string;
  name: string;
  district: string;
  lon: number;
  lat: number;
}

export const BEIJING: RegionInput = {
  adcode: '110000',
  name: '北京市',
  parentAdcode: null,
  level: 'city',
};

export const BEIJING_DISTRICTS: readonly RegionInput[] = [
  { adcode: '110101', name: '东城区', parentAdcode: '110000', level: 'county' },
  { adcode: '110102', name: '西城区', parentAdcode: '110000', level: 'county' },
  { adcode: '110105', name: '朝阳区', parentAdcode: '110000', level: 'county' },
  { adcode: '110107', name: '石景山区', parentAdcode: '110000', level: 'county' },
  { adcode: '110108', name: '海淀区', parentAdcode: '110000', level: 'county' },
  { adcode: '110113', name: '顺义区', parentAdcode: '110000', level: 'county' },
  { adcode: '110114', name: '昌平区', parentAdcode: '110000', level: 'county' },
  { adcode: '110116', name: '怀柔区', parentAdcode: '110000', level: 'county' },
];

export const PRSA_SITES: readonly PrsaSite[] = [
  {
    site: 'Wanshouxigong',
    code: '1001A',
    name: '万寿西宫',
    district: '110102',
    lon: 116.366,
    lat: 39.8673,
  },
  { site: 'Dingling', code: '1002A', name: '定陵', district: '110114', lon: 116.17, lat: 40.2865 },
  { site: 'Dongsi', code: '1003A', name: '东四', district: '110101', lon: 116.434, lat: 39.9522 },
  { site: 'Tiantan', code: '1004A', name: '天坛', district: '110101', lon: 116.434, lat: 39.8745 },
  {
    site: 'Nongzhanguan',
    code: '1005A',
    name: '农展馆',
    district: '110105',
    lon: 116.473,
    lat: 39.9716,
  },
  { site: 'Guanyuan', code: '1006A', name: '官园', district: '110102', lon: 116.361, lat: 39.9425 },
  {
    site: 'Wanliu',
    code: '1007A',
    name: '海淀区万柳',
    district: '110108',
    lon: 116.315,
    lat: 39.9934,
  },
  {
    site: 'Shunyi',
    code: '1008A',
    name: '顺义新城',
    district: '110113',
    lon: 116.72,
    lat: 40.1438,
  },
  {
    site: 'Huairou',
    code: '1009A',
    name: '怀柔镇',
    district: '110116',
    lon: 116.644,
    lat: 40.3937,
  },
  {
    site: 'Changping',
    code: '1010A',
    name: '昌平镇',
    district: '110114',
    lon: 116.23,
    lat: 40.1952,
  },
  {
    site: 'Aotizhongxin',
    code: '1011A',
    name: '奥体中心',
    district: '110105',
    lon: 116.407,
    lat: 40.0031,
  },
  { site: 'Gucheng', code: '1012A', name: '古城', district: '110107', lon: 116.225, lat: 39.9279 },
];
