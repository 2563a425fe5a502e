/**
 * ECharts, imported module by module (only the charts and components the dashboard uses), so
 * that the chart code stays small and loads with the first page that draws a chart.
 */
import {
  BarChart,
  HeatmapChart,
  LineChart,
  LinesChart,
  MapChart,
  PieChart,
  ScatterChart,
} from 'echarts/charts';
import {
  CalendarComponent,
  DataZoomComponent,
  GeoComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  HeatmapChart,
  LineChart,
  LinesChart,
  MapChart,
  PieChart,
  ScatterChart,
  CalendarComponent,
  DataZoomComponent,
  GeoComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export { echarts };
export type EChartsOption = echarts.EChartsCoreOption;
