// The dashboard's campaign section (专项攻坚): each backlog campaign of the scope with its progress against
// its 化解率 target. The register (积案台账) is not the table above, which lists cases past D5 without a reply.

import { element, figure } from './dom.js';
import { fractionText, NO_DATA, rateText } from './labels.js';

const targetText = (c) => (c.targetRate === null ? '—' : `${c.targetRate.toFixed(1)}%`);
const metText = (c) => (c.targetMet === null ? NO_DATA : c.targetMet ? '已达标' : '未达标');

export function renderCampaigns(report) {
  const rows = report.rows.map((c) =>
    element(
      'tr',
      { dataset: { campaignId: c.id } },
      element('td', {}, c.name),
      element('td', {}, `${c.startsOn} 至 ${c.endsOn}`),
      element('td', {}, String(c.entries)),
      element('td', {}, String(c.resolved)),
      element(
        'td',
        { dataset: { figure: 'campaign-rate' } },
        `${rateText(c.resolutionRate)}（${fractionText(c.resolutionRate)}）`,
      ),
      element('td', {}, targetText(c)),
      element('td', {}, metText(c)),
    ),
  );
  const empty = element('tr', {}, element('td', { colspan: 7, className: 'empty' }, '本期无专项攻坚行动'));
  figure('campaigns').replaceChildren(...(rows.length ? rows : [empty]));
}
