/**
 * The chart renderer: ECharts' SVG read back by a different, strict parser (resvg's, which
 * refuses malformed XML), with a line per series, its names in the legend and the text
 * alternative as the picture's name; the PNG with its signature and size.
 */
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import {
  CHART_HEIGHT,
  CHART_WIDTH,
  renderChartPng,
  renderChartSvg,
} from '../../../src/charts/render.js';
import type { ChartSpec } from '../../../src/core/charts.js';

const spec: ChartSpec = {
  title: 'Energie Rijnland: partners per bouwsteen, laatste 8 weken',
  categories: [
    '15 okt.',
    '22 okt.',
    '29 okt.',
    '5 nov.',
    '12 nov.',
    '19 nov.',
    '26 nov.',
    '3 dec.',
  ],
  series: [
    { name: 'Verbonden', values: [3, 4, 5, 6, 8, 9, 10, 12] },
    { name: 'Bijdragend', values: [2, 3, 3, 5, 6, 8, 9, 9] },
    { name: 'Samenwerkend', values: [null, null, null, 2, 3, 3, 4, 4] },
    { name: 'Co-creërend', values: [0, 1, 1, 2, 2, 2, 3, 5] },
  ],
  max: 30,
  alt: 'Verbonden: 12 van 30 partners, was 3 <&> "ok"',
};

describe('the chart as SVG', () => {
  const svg = renderChartSvg(spec);

  it('is an SVG document a strict parser reads, of the chart’s size', () => {
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    const parsed = new Resvg(svg);
    expect(parsed.width).toBe(CHART_WIDTH);
    expect(parsed.height).toBe(CHART_HEIGHT);
  });

  it('has the title, every series in the legend, the dates and the scale up to the maximum', () => {
    for (const text of [
      'Energie Rijnland: partners per bouwsteen, laatste 8 weken',
      'Verbonden',
      'Bijdragend',
      'Samenwerkend',
      'Co-creërend',
      '15 okt.',
      '3 dec.',
      '>30<',
    ])
      expect(svg).toContain(text);
    // One line per series (a path with its stroke colour), plus markers.
    for (const colour of ['#0072B2', '#D55E00', '#009E73', '#CC79A7'])
      expect(svg.toLowerCase()).toContain(colour.toLowerCase());
  });

  it('names the picture with its text alternative, escaped', () => {
    expect(svg).toContain(
      '<title>Verbonden: 12 van 30 partners, was 3 &lt;&amp;&gt; &quot;ok&quot;</title>',
    );
    expect(svg).toMatch(/^<svg[^>]* role="img" aria-label="Verbonden: 12 van 30 partners/);
    expect(svg).not.toContain('<script');
  });

  it('escapes a title or a name that looks like markup', () => {
    const odd = renderChartSvg({
      ...spec,
      title: '<script>alert(1)</script>',
      series: [{ name: 'A & <b>', values: [1, 2, 3, 4, 5, 6, 7, 8] }],
    });
    expect(odd).not.toContain('<script>');
    expect(odd).not.toContain('<b>');
    expect(() => new Resvg(odd)).not.toThrow();
  });
});

describe('the chart as PNG', () => {
  it('is a PNG at twice the SVG’s size', async () => {
    const png = await renderChartPng(spec);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // The IHDR chunk: width and height, big-endian, right after its length and type.
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(CHART_WIDTH * 2);
    expect(png.readUInt32BE(20)).toBe(CHART_HEIGHT * 2);
  });
});
