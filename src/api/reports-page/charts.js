// The dashboard's charts, drawn by ECharts (served from /reports/vendor, the global `echarts`).

import { monthText, shareText } from './labels.js';

const FONT =
  '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei", sans-serif';
const COLOURS = ['#2f5597', '#c55a11', '#548235', '#7f6000', '#7030a0', '#1f7a8c', '#a61c3c', '#5b5b5b'];

/**
 * Every chart's option: shared looks, and a tooltip drawn on the canvas (HTML tooltips carry inline styles,
 * which the page's Content-Security-Policy refuses).
 */
export const withBase = (option) => ({
  color: COLOURS,
  textStyle: { fontFamily: FONT, fontSize: 13 },
  animation: false,
  ...option,
  tooltip: { ...option.tooltip, renderMode: 'richText' },
});

const emptyTitle = (rows) =>
  rows.length
    ? { show: false }
    : {
        show: true,
        text: '本期无数据',
        left: 'center',
        top: 'middle',
        textStyle: { color: '#888', fontSize: 14 },
      };

function unitsOption(byUnit) {
  const rows = byUnit.rows;
  return {
    title: emptyTitle(rows),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 120, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', name: '件', minInterval: 1 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => r.name),
      axisLabel: { width: 220, overflow: 'truncate' },
    },
    series: [
      {
        name: '件数',
        type: 'bar',
        barMaxWidth: 28,
        data: rows.map((r) => r.count),
        label: {
          show: true,
          position: 'right',
          formatter: (p) => `${p.value} 件（${shareText(rows[p.dataIndex].share)}）`,
        },
      },
    ],
  };
}

/** A split (channel, level) as a pie of its non-empty parts, labelled with the API's shares. */
function pieOption(split) {
  const rows = split.rows.filter((r) => r.count > 0);
  return {
    title: emptyTitle(rows),
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'pie',
        radius: ['30%', '55%'],
        data: rows.map((r) => ({ name: r.label, value: r.count })),
        label: {
          // Whole labels, set against the chart's edges (by default ECharts cuts them to the room beside
          // the pie, too little on paper).
          overflow: 'none',
          alignTo: 'edge',
          edgeDistance: 6,
          formatter: (p) => `${p.name}\n${p.value}件 ${shareText(rows[p.dataIndex].share)}`,
        },
      },
    ],
  };
}

/** The domains, largest first (as the API sorts them), as vertical bars; empty domains left out. */
function domainOption(split) {
  const rows = split.rows.filter((r) => r.count > 0);
  return {
    title: emptyTitle(rows),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: rows.map((r) => r.label),
      axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 },
    },
    yAxis: { type: 'value', name: '件', minInterval: 1 },
    series: [
      {
        name: '件数',
        type: 'bar',
        barMaxWidth: 56,
        data: rows.map((r) => r.count),
        label: { show: true, position: 'top' },
      },
    ],
  };
}

/** Every month of the period, in order (the API lists only months with cases). */
function monthsOf(period) {
  const months = [];
  let [year, month] = period.from.split('-').map(Number);
  const last = period.to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) return months;
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
}

function monthOption(byMonth) {
  const found = new Map(byMonth.rows.map((r) => [r.month, r]));
  const months = monthsOf(byMonth.period);
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: ['受理件数', '按期办结率'], top: 0 },
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months.map(monthText) },
    yAxis: [
      { type: 'value', name: '件', minInterval: 1 },
      { type: 'value', name: '%', min: 0, max: 100, splitLine: { show: false } },
    ],
    series: [
      {
        name: '受理件数',
        type: 'line',
        data: months.map((m) => found.get(m)?.received ?? 0),
        label: { show: true },
      },
      {
        name: '按期办结率',
        type: 'line',
        yAxisIndex: 1,
        lineStyle: { type: 'dashed' },
        data: months.map((m) => found.get(m)?.onTimeCompletion.rate ?? null),
        label: { show: true, formatter: (p) => (p.value == null ? '' : `${p.value.toFixed(1)}%`) },
      },
    ],
  };
}

const OPTIONS = {
  units: (r) => unitsOption(r['by-unit']),
  channel: (r) => pieOption(r['by-channel']),
  level: (r) => pieOption(r['by-level']),
  domain: (r) => domainOption(r['by-domain']),
  month: (r) => monthOption(r['by-month']),
};

function chartOn(container) {
  const { echarts } = window;
  if (!echarts) throw new Error('ECharts did not load');
  return echarts.getInstanceByDom(container) ?? echarts.init(container, null, { renderer: 'canvas' });
}

/** The width a chart has on A4 paper (186 mm between the margins), or half of it beside another chart. */
const PAPER_WIDTH_PX = 700;

/**
 * Paper gets a picture of each chart (`img[data-print-of]`, shown only in print), drawn at the chart's
 * width on paper so that its text prints at its own size: browsers do not all say when they lay a page out
 * for print, but a picture is always there. Twice the pixels, so that it stays sharp.
 */
export function keepPrintImage(container, chart) {
  const image = document.querySelector(`img[data-print-of="${container.dataset.chart}"]`);
  if (!image) return;
  const width = container.dataset.printWidth === 'half' ? PAPER_WIDTH_PX / 2 - 12 : PAPER_WIDTH_PX;
  chart.resize({ width, height: container.clientHeight });
  image.src = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
  chart.resize({ width: 'auto', height: 'auto' });
}

const charts = () =>
  [...document.querySelectorAll('[data-chart]')].map((container) => ({
    container,
    chart: window.echarts?.getInstanceByDom(container),
  }));

/** Draws (or redraws) every chart of the page from the reports, keyed by report name. */
export function renderCharts(reports) {
  const unitRows = reports['by-unit'].rows.length;
  for (const container of document.querySelectorAll('[data-chart]')) {
    const name = container.dataset.chart;
    // The ranking grows with its units, so that every name stays readable.
    if (name === 'units') container.style.height = `${Math.max(160, unitRows * 36 + 48)}px`;
    const chart = chartOn(container);
    chart.setOption(withBase(OPTIONS[name](reports)), true);
    chart.resize();
    keepPrintImage(container, chart);
  }
}

/** Charts follow the window's size; their print pictures are taken again then and just before printing. */
export function keepChartsSized() {
  window.addEventListener('resize', () => {
    for (const { container, chart } of charts()) {
      chart?.resize();
      if (chart) keepPrintImage(container, chart);
    }
  });
  window.addEventListener('beforeprint', () => {
    for (const { container, chart } of charts()) if (chart) keepPrintImage(container, chart);
  });
}
