// The ECharts modules the nianbao site uses, and nothing else: bar and line
// charts, their components, and the SVG renderer. The bundle exposes window.echarts
// with init() and use() only; static/js/site.js calls echarts.init(el).setOption(o).
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import {
  GridComponent,
  TooltipComponent,
  LegendComponent,
  AriaComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  BarChart, LineChart,
  GridComponent, TooltipComponent, LegendComponent, AriaComponent,
  SVGRenderer,
]);

window.echarts = { init: echarts.init, use: echarts.use, version: echarts.version };
