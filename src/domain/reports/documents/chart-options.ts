import type { EChartsCoreOption } from 'echarts';
import type { SplitRow } from '../report-service';
import { NO_DATA_TEXT } from './no-data';

/** The charts of the documents: the dashboard's (src/api/reports-page/charts.js), drawn for paper. */

const pct = (share: number) => `${share.toFixed(1)}%`;

/** The months of a period, `2026-07`, in order. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) return months;
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
}

export const monthText = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

/** Centred "本期无数据" in place of an empty chart. */
const emptyTitle = (empty: boolean) =>
  empty
    ? {
        show: true,
        text: NO_DATA_TEXT,
        left: 'center',
        top: 'middle',
        textStyle: { color: '#888', fontSize: 16 },
      }
    : { show: false };

export function unitsChart(rows: Array<{ name: string; count: number; share: number }>): EChartsCoreOption {
  return {
    title: emptyTitle(rows.length === 0),
    grid: { left: 8, right: 110, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', name: '件', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name) },
    series: [
      {
        name: '件数',
        type: 'bar',
        barMaxWidth: 24,
        data: rows.map((r) => r.count),
        label: {
          show: true,
          position: 'right',
          formatter: (p: { value: number; dataIndex: number }) =>
            `${p.value} 件（${pct(rows[p.dataIndex]!.share)}）`,
        },
      },
    ],
  };
}

export function pieChart(split: SplitRow[]): EChartsCoreOption {
  const rows = split.filter((r) => r.count > 0);
  return {
    title: emptyTitle(rows.length === 0),
    series: [
      {
        type: 'pie',
        radius: ['30%', '55%'],
        data: rows.map((r) => ({ name: r.label, value: r.count })),
        label: {
          overflow: 'none',
          formatter: (p: { name: string; value: number; dataIndex: number }) =>
            `${p.name}\n${p.value}件 ${pct(rows[p.dataIndex]!.share)}`,
        },
      },
    ],
  };
}

export function domainChart(split: SplitRow[]): EChartsCoreOption {
  const rows = split.filter((r) => r.count > 0);
  return {
    title: emptyTitle(rows.length === 0),
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: rows.map((r) => r.label),
      axisLabel: { interval: 0, rotate: rows.length > 5 ? 30 : 0 },
    },
    yAxis: { type: 'value', name: '件', minInterval: 1 },
    series: [
      {
        name: '件数',
        type: 'bar',
        barMaxWidth: 48,
        data: rows.map((r) => r.count),
        label: { show: true, position: 'top' },
      },
    ],
  };
}

/** Cases received per month (every month of the span, zeros too) and the on-time rate where one was due. */
export function monthChart(
  months: string[],
  rows: Array<{ month: string; received: number; onTimeCompletion: { rate: number | null } }>,
): EChartsCoreOption {
  const found = new Map(rows.map((r) => [r.month, r]));
  return {
    title: emptyTitle(rows.every((r) => r.received === 0)),
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
      },
    ],
  };
}
