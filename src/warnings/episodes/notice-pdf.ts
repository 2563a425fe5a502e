/**
 * The official notice of a warning decision as PDF (pdfkit, Chinese, set in the CJK font the
 * reports use, src/reports/pdf-report.ts): red office header, notice number, title by action,
 * addressees, the decision with its period and the forecast it rests on, the measures summary
 * and the office's signature. Rendered on request from the stored decision, so the same
 * decision always gives the same text.
 */
import { CJK, openCjkPdf, resolveCjkFont, type CjkFont } from '../../reports/cjk-pdf.ts';
import {
  RESPONSE_GRADES,
  WARNING_LEVEL_NAMES,
  type ColouredLevel,
} from '../../standards/warning/index.ts';
import type { DecisionRow, EpisodeRow } from './episode-repo.ts';
import { publicMeasures } from './public-measures.ts';

/** What a notice says beyond the decision: names and who signs. */
export interface NoticeContext {
  regionName: string;
  /** Previous level, for upgrade and downgrade titles. */
  previousLevel: string | null;
  /** The forecast version the decision rests on: its number and issue date, or null. */
  forecast: { version: number; issued: string } | null;
}

const cn = (d: string) => {
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
};
const levelName = (l: string) => WARNING_LEVEL_NAMES[l as ColouredLevel] ?? l;

/** The title of a decision's notice. */
export function noticeTitle(d: DecisionRow, previousLevel: string | null): string {
  switch (d.action) {
    case 'issue':
      return `关于发布重污染天气${levelName(d.level)}的通知`;
    case 'upgrade':
      return `关于将重污染天气${levelName(previousLevel ?? '')}升级为${levelName(d.level)}的通知`;
    case 'downgrade':
      return `关于将重污染天气${levelName(previousLevel ?? '')}降级为${levelName(d.level)}的通知`;
    case 'extend':
      return `关于延长重污染天气${levelName(d.level)}的通知`;
    default:
      return `关于解除重污染天气${levelName(d.level)}的通知`;
  }
}

/** The body paragraphs of a decision's notice. */
export function noticeParagraphs(e: EpisodeRow, d: DecisionRow, ctx: NoticeContext): string[] {
  const level = d.level as ColouredLevel;
  const grade = RESPONSE_GRADES[level] ?? '';
  const basis = ctx.forecast
    ? `根据${cn(ctx.forecast.issued)}空气质量预报（第${ctx.forecast.version}版）${d.edition ? `，按照${d.edition === '2024' ? '环大气〔2024〕6号' : '环办大气函〔2019〕648号'}预警分级标准` : ''}`
    : '在没有满足条件的空气质量预报的情况下';
  const period = d.to_date ? `${cn(d.from_date)}至${cn(d.to_date)}` : `${cn(d.from_date)}起至解除`;
  const main =
    d.action === 'lift'
      ? `${basis}，经研判，${ctx.regionName}空气质量将持续改善，决定于${cn(d.from_date)}解除${levelName(level)}，终止${grade}应急响应。`
      : d.action === 'extend'
        ? `${basis}，经研判，重污染天气过程将持续，决定将${ctx.regionName}${levelName(level)}（${grade}应急响应）延长至${cn(d.to_date!)}。`
        : `${basis}，经研判，决定${d.action === 'issue' ? '' : `自${cn(d.from_date)}起`}在${ctx.regionName}${d.action === 'issue' ? '启动' : '执行'}${levelName(level)}，实施${grade}应急响应，时段为${period}。`;
  const out = [main, `研判依据：${d.reason}。`];
  if (d.basis === 'overridden' && d.override_reason)
    out.push(`说明：本决定未完全依据预报条件作出，理由为：${d.override_reason}。`);
  if (d.action !== 'lift') {
    const m = publicMeasures(level, e.response as 'industrial' | 'advice');
    out.push(
      e.response === 'industrial'
        ? '请各县（市、区）人民政府、市有关部门按照重污染天气应急预案和应急减排清单（一企一策）要求，立即启动相应级别应急响应，督促企业落实各项减排措施，并在平台上确认已启动响应。'
        : '本次过程以健康防护为主，请各单位做好公众健康提示和相关源监管。',
      `健康防护：${m.health}`,
      `建议性措施：${m.advised}`,
    );
    if (m.mandatory) out.push(`强制性措施：${m.mandatory}`);
  } else {
    out.push('请各县（市、区）、各有关部门做好解除后的工作衔接，并及时报送应急响应总结。');
  }
  return out;
}

/** Renders the notice of a decision to a PDF buffer. */
export async function noticePdf(
  e: EpisodeRow,
  d: DecisionRow,
  ctx: NoticeContext,
  font: CjkFont = resolveCjkFont(),
): Promise<Buffer> {
  const office = `${ctx.regionName}重污染天气应急指挥部办公室`;
  const title = noticeTitle(d, ctx.previousLevel);
  const { doc, done } = openCjkPdf({
    font,
    title: `${d.notice_number} ${title}`,
    author: office,
    created: new Date(Number(d.decided_at)),
    margins: { top: 70, bottom: 60, left: 80, right: 80 },
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.font(CJK).fontSize(22).fillColor('#C00000').text(office, { align: 'center' });
  doc.moveDown(0.5);
  doc.fontSize(12).fillColor('#000000').text(d.notice_number, { align: 'center' });
  const y = doc.y + 6;
  doc
    .moveTo(left, y)
    .lineTo(left + width, y)
    .lineWidth(1.5)
    .strokeColor('#C00000')
    .stroke();
  doc.y = y + 18;
  doc.fontSize(17).text(title, left, doc.y, { align: 'center', width });
  doc.moveDown(1);
  doc.fontSize(12).text('各县（市、区）人民政府，市有关部门：', left, doc.y, { width });
  doc.moveDown(0.4);
  for (const p of noticeParagraphs(e, d, ctx)) {
    doc.text(p, left, doc.y, { width, indent: 24, lineGap: 4 });
    doc.moveDown(0.4);
  }
  doc.moveDown(2);
  const when = new Date(Number(d.decided_at) + 8 * 3_600_000).toISOString().slice(0, 10);
  doc.text(office, left, doc.y, { width, align: 'right' });
  doc.text(cn(when), left, doc.y, { width, align: 'right' });
  doc.end();
  return done;
}
