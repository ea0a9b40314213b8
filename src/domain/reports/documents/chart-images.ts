import fs from 'node:fs';
import { renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import * as echarts from 'echarts';

/**
 * The CJK font Debian ships (fonts-wqy-microhei); the others are what a desktop may have instead. Single
 * quotes: ECharts writes the family into a double-quoted SVG attribute as it is.
 */
const FONT = "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif";
/** The dashboard's colours (src/api/reports-page/charts.js), so the paper looks like the screen. */
const COLOURS = ['#2f5597', '#c55a11', '#548235', '#7f6000', '#7030a0', '#1f7a8c', '#a61c3c', '#5b5b5b'];

/** Where Debian's fonts-wqy-microhei puts the CJK font. */
export const CJK_FONT_FILES = ['/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'];

/**
 * The fonts resvg loads: the CJK font file alone when it is there, else every system font. Each render parses
 * its fonts anew, and the whole system's took most of a chart's time (the reports bench: a briefing's Word
 * file, five charts, missed its target of 1 s by half).
 */
export function chartFonts(exists: (file: string) => boolean = fs.existsSync): ResvgRenderOptions['font'] {
  const fontFiles = CJK_FONT_FILES.filter((file) => exists(file));
  return fontFiles.length
    ? { loadSystemFonts: false, fontFiles, defaultFontFamily: 'WenQuanYi Micro Hei' }
    : { loadSystemFonts: true, defaultFontFamily: 'WenQuanYi Micro Hei' };
}
let fonts: ResvgRenderOptions['font'] | undefined;

export interface ChartSize {
  width: number;
  height: number;
}

/**
 * A chart as a PNG for a document: ECharts draws it to SVG on the server (no browser, no canvas), and resvg
 * rasterises it at twice the size so that it prints sharp, with the CJK font for the Chinese labels. The
 * rasterising runs off the event loop, a document's charts side by side (libuv's threads): drawn in turn they
 * held the API's event loop for half a second a briefing.
 */
export async function chartPng(option: echarts.EChartsCoreOption, size: ChartSize): Promise<Buffer> {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, ...size });
  let svg: string;
  try {
    chart.setOption({
      color: COLOURS,
      textStyle: { fontFamily: FONT, fontSize: 13 },
      animation: false,
      ...option,
    });
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  const image = await renderAsync(svg, {
    font: (fonts ??= chartFonts()),
    background: '#ffffff',
    fitTo: { mode: 'zoom', value: 2 },
  });
  return Buffer.from(image.asPng());
}
