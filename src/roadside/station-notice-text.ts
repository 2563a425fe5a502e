/**
 * The words of the monthly notice naming the inspection stations that passed the most vehicles
 * later found over-standard (the Handan 2020 plan 三.8), shared by the PDF and the workbook.
 */
import type { MonthlyRanking } from './ranking-service.ts';
import { DEVICE_KIND_NAMES } from './rules/failure-events.ts';

/** The month in Chinese: "2026年11月". */
export function monthName(month: string): string {
  const [y, m] = month.split('-');
  return `${y}年${Number(m)}月`;
}

/** The notice title. */
export function noticeTitle(cityName: string, month: string): string {
  return `关于${cityName}${monthName(month)}超标排放车辆溯源排放检验机构情况的通报`;
}

/** The issuing office. */
export function noticeOffice(cityName: string): string {
  return `${cityName}生态环境局`;
}

/** The body paragraphs. */
export function noticeParagraphs(r: MonthlyRanking): string[] {
  const kinds = Object.values(DEVICE_KIND_NAMES).join('、');
  const out = [
    `按照大气污染综合治理工作方案中“对${kinds}等三类监督监测发现的超标排放车辆，每月溯源前3名排放检验机构”的要求，现将${monthName(r.month)}溯源情况通报如下。`,
    `本月${kinds}共发现超标排放车辆 ${r.vehicles} 辆，其中 ${r.traced} 辆溯源到其超标前最近一次检验合格的排放检验机构，${r.vehicles - r.traced} 辆未查到此前的检验合格记录。`,
  ];
  if (r.named.length === 0) {
    out.push('本月没有可溯源到排放检验机构的超标排放车辆。');
  } else {
    out.push(
      `溯源车辆数居前3名的排放检验机构为（车辆数相同的并列同一名次）：${r.named
        .map((s) => `第${s.rank}名 ${s.stationName}（${s.stationCode}），${s.vehicles} 辆`)
        .join('；')}。`,
      '请市场监管部门会同生态环境部门对上述机构逐车核实检验过程和检验数据；经核实存在问题的，向社会公开曝光，情节严重的采取断网或取消监测资质等惩戒措施。',
    );
  }
  out.push(`判定依据：HJ 845-2017 及本平台配置（规则版本 ${r.ruleVersion}）。`);
  return out;
}
