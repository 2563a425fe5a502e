/**
 * What the public notice page and the notice PDF say to the public for each level: health advice
 * and a summary of the measures (建议性 and 强制性措施). The wording follows the shape common to
 * the city plans cited in docs/warnings.md §1 (Hohhot 2019 §3.1, Shenzhen 深环〔2019〕415号): the
 * exact Handan text was not found, so it is configuration-like data (UNVERIFIED wording). An
 * advice-only episode (2024: O3- or dust-led, 环大气〔2024〕6号) gets the health advice only.
 */
import type { ColouredLevel } from '../../standards/warning/index.ts';

/** Public text of one level. */
export interface PublicMeasures {
  health: string;
  advised: string;
  mandatory: string;
}

/** Public text by level (UNVERIFIED wording, see the file comment). */
export const PUBLIC_MEASURES: Readonly<Record<ColouredLevel, PublicMeasures>> = {
  yellow: {
    health: '儿童、老年人和呼吸道、心脑血管疾病患者减少户外活动；一般人群适当减少户外运动。',
    advised: '倡导绿色出行，减少机动车使用；减少使用含挥发性有机物的涂料、溶剂。',
    mandatory:
      '工业企业按应急减排清单（一企一策）落实黄色预警减排措施；施工工地停止土石方作业；加强道路清扫保洁。',
  },
  orange: {
    health: '儿童、老年人和患者避免户外活动；一般人群减少户外活动，中小学、幼儿园减少户外活动。',
    advised: '尽量乘坐公共交通出行；企事业单位可弹性上下班。',
    mandatory:
      '工业企业按应急减排清单落实橙色预警减排措施；大宗物料运输重型车辆（国四及以下）停止运输；国二及以下非道路移动机械禁止使用；施工工地停止土石方和拆除作业。',
  },
  red: {
    health: '儿童、老年人和患者留在室内；一般人群避免户外活动，中小学、幼儿园可停课。',
    advised: '尽量减少出行；企事业单位可根据情况调休或远程办公。',
    mandatory:
      '工业企业按应急减排清单落实红色预警减排措施；大宗物料运输车辆及国二及以下非道路移动机械禁止使用；施工工地停止一切室外作业（重点工程除外）；禁止燃放烟花爆竹和露天烧烤。',
  },
};

/** The public text of an episode: advice-only episodes get the health advice only. */
export function publicMeasures(
  level: ColouredLevel,
  response: 'industrial' | 'advice',
): PublicMeasures {
  const m = PUBLIC_MEASURES[level];
  return response === 'industrial'
    ? m
    : { health: m.health, advised: '减少户外活动，关注空气质量信息。', mandatory: '' };
}
