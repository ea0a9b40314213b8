// 环比 and 同比 under a headline card, from the summary's `comparisons` (see docs/reports.md).

import { element } from './dom.js';

/** A figure compared with the earlier reports: `{value, previousPeriod, previousYear}`. */
export const isCompared = (x) =>
  x !== null && typeof x === 'object' && 'previousPeriod' in x && 'previousYear' in x;

/** The card's figure compared, read by its own `show` from the mirrored figures; none when it stands now. */
export function mirroredShown(card, summary) {
  const figures = summary.comparisons?.figures;
  if (!figures) return undefined;
  try {
    return card.show(figures).compared;
  } catch {
    // Not in the mirror (a figure as the cases stand now): nothing to compare.
    return undefined;
  }
}

/** `+50.0%`, `−3.0个百分点`, `持平`, or `无数据` when the earlier period had nothing to compare with. */
export function changeText(earlier) {
  const change = earlier.changePercent ?? earlier.changePoints ?? null;
  if (change === null) return '无数据';
  if (change === 0) return '持平';
  const unit = 'changePoints' in earlier ? '个百分点' : '%';
  return `${change > 0 ? '+' : '−'}${Math.abs(change).toFixed(1)}${unit}`;
}

const LABELS = { previousPeriod: '环比', previousYear: '同比' };

/** Two lines: 环比 and 同比, each with the earlier value in its tooltip. */
export function comparisonLines(name, compared) {
  if (!compared) return [];
  return Object.entries(LABELS).map(([kind, label]) => {
    const earlier = compared[kind];
    const text = changeText(earlier);
    return element(
      'p',
      {
        className: `card-change${text === '无数据' ? ' no-data' : ''}`,
        title: `${kind === 'previousYear' ? '上年同期' : '上期'}：${earlier.value ?? '无数据'}`,
        dataset: { figure: `${name}-${kind}` },
      },
      `${label} ${text}`,
    );
  });
}
