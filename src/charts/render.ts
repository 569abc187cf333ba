/**
 * Renders a chart (src/core/charts.ts) on the server: Apache ECharts draws it as SVG (its
 * server-side renderer, no browser), and resvg rasterises that SVG to PNG for the platforms
 * that show no SVG (Slack, Teams). A line per series, each with its own colour, dash and
 * marker so colour is not the only cue; the text alternative as the SVG's <title>.
 */
import { renderAsync } from '@resvg/resvg-js';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartSpec } from '../core/charts.js';
import { escapeHtml } from '../core/mail.js';

echarts.use([LineChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

export const CHART_WIDTH = 720;
export const CHART_HEIGHT = 360;
/** A font every machine with the image's fonts package has (Debian's fonts-dejavu-core). */
const FONT = 'DejaVu Sans, Verdana, sans-serif';
/** Colours that stay apart for colour-blind readers (Okabe–Ito), with dashes and markers. */
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];
const DASHES = ['solid', 'dashed', 'dotted', 'solid'] as const;
const MARKERS = ['circle', 'rect', 'triangle', 'diamond'] as const;

/** The chart as an SVG document. */
export function renderChartSvg(spec: ChartSpec): string {
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
  });
  try {
    const measured = spec.series.flatMap((s) => s.values.filter((v) => v !== null));
    const top = Math.max(spec.max ?? 0, ...measured, 1);
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: FONT },
      color: COLOURS,
      title: { text: spec.title, left: 16, top: 12, textStyle: { fontSize: 16, fontFamily: FONT } },
      legend: { bottom: 10, itemGap: 20, textStyle: { fontSize: 13, fontFamily: FONT } },
      grid: { left: 48, right: 40, top: 56, bottom: 72 },
      xAxis: {
        type: 'category',
        boundaryGap: false,
        data: spec.categories,
        axisLabel: { fontSize: 12, fontFamily: FONT },
      },
      yAxis: {
        type: 'value',
        min: 0,
        max: top,
        minInterval: 1,
        axisLabel: { fontSize: 12, fontFamily: FONT },
      },
      series: spec.series.map((s, i) => ({
        name: s.name,
        type: 'line',
        data: s.values,
        symbol: MARKERS[i % MARKERS.length],
        symbolSize: 7,
        lineStyle: { width: 2.5, type: DASHES[i % DASHES.length] },
      })),
    });
    const svg = chart.renderToSVGString();
    // The text alternative as the picture's accessible name.
    return svg.replace(
      /^<svg\b([^>]*)>/,
      (_m, attrs: string) =>
        `<svg${attrs} role="img" aria-label="${escapeHtml(spec.alt)}"><title>${escapeHtml(spec.alt)}</title>`,
    );
  } finally {
    chart.dispose();
  }
}

/**
 * The chart as a PNG (twice the SVG's size, sharp on high-density screens). Rasterised on
 * libuv's thread pool, so the HTTP server keeps answering webhooks meanwhile.
 */
export async function renderChartPng(spec: ChartSpec): Promise<Buffer> {
  const image = await renderAsync(renderChartSvg(spec), {
    fitTo: { mode: 'width', value: CHART_WIDTH * 2 },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return image.asPng();
}
