// The dashboard's figures as text: the heading, the headline cards, the unit ranking and the backlog list.

import { comparisonLines, isCompared, mirroredShown } from './comparisons.js';
import { element, figure, setText } from './dom.js';
import { fractionText, NO_DATA, rateText, shareText } from './labels.js';
import { SCREENING_GROUP } from './screening.js';

// Each card's `show` also reads the summary's mirrored figures (`comparisons.figures`), where a figure is its
// comparison: then it gives `{compared}`, so that a card added later shows 环比 / 同比 without more code.
const count = (n) => (isCompared(n) ? { compared: n } : { value: String(n), unit: '件' });
const rate = (r) =>
  isCompared(r.rate) ? { compared: r.rate } : { value: rateText(r), detail: `${fractionText(r)} 件` };
const counted = (n, share) =>
  isCompared(n) ? count(n) : { ...count(n), detail: `占比 ${shareText(share)}` };

/** The headline cards of the summary report, in groups; `figure` names each value on the page. */
const HEADLINE = [
  {
    title: '收件情况',
    cards: [
      { figure: 'received', label: '受理信访事项', show: (s) => count(s.received) },
      { figure: 'firstTime', label: '初信初访', show: (s) => counted(s.firstTime.count, s.firstTime.share) },
      { figure: 'repeat', label: '重复信访', show: (s) => counted(s.repeat.count, s.repeat.share) },
    ],
  },
  {
    title: '办理质效',
    cards: [
      { figure: 'timelyAcceptance', label: '及时受理率', show: (s) => rate(s.timelyAcceptance) },
      { figure: 'onTimeCompletion', label: '按期办结率', show: (s) => rate(s.onTimeCompletion) },
      { figure: 'participation', label: '参评率', show: (s) => rate(s.participation) },
      { figure: 'satisfaction', label: '满意率', show: (s) => rate(s.satisfaction) },
    ],
  },
  {
    title: '积案化解',
    cards: [
      { figure: 'backlogAtStart', label: '期初积案', show: (s) => count(s.backlog.atStart) },
      { figure: 'backlogAtEnd', label: '期末积案', show: (s) => count(s.backlog.atEnd) },
      { figure: 'backlogCleared', label: '已化解', show: (s) => count(s.backlog.cleared) },
      { figure: 'backlogClearance', label: '积案化解率', show: (s) => rate(s.backlog.clearanceRate) },
    ],
  },
  {
    title: '领导包案与督办',
    cards: [
      { figure: 'caseOwned', label: '领导包案', show: (s) => count(s.caseOwned.count) },
      {
        figure: 'caseOwnedOnTime',
        label: '包案按期办结率',
        show: (s) => rate(s.caseOwned.onTimeCompletion),
      },
      { figure: 'notices', label: '督办', show: (s) => count(s.supervision.notices) },
      { figure: 'escalations', label: '提交联席办', show: (s) => count(s.supervision.escalations) },
      { figure: 'listed', label: '挂牌督办', show: (s) => count(s.supervision.listed) },
    ],
  },
  {
    // The 督办 of the period by where each came from (S33); the four add up to 督办 above.
    title: '督办来源',
    cards: [
      {
        figure: 'noticesAutomatic',
        label: '逾期自动督办',
        show: (s) => count(s.supervision.bySource.automatic),
      },
      { figure: 'noticesManual', label: '本级督办交办', show: (s) => count(s.supervision.bySource.manual) },
      {
        figure: 'noticesJointConference',
        label: '联席会议交办',
        show: (s) => count(s.supervision.bySource.jointConference),
      },
      {
        figure: 'noticesHigherBureau',
        label: '上级交办',
        show: (s) => count(s.supervision.bySource.higherBureau),
      },
    ],
  },
  {
    // Open now, whatever the quarter: what the bureau must follow today (Art 25, S5).
    title: '重大紧急与关注（在办）',
    cards: [
      {
        figure: 'majorUrgentOpen',
        label: '重大紧急信访事项',
        show: (s) => count(s.priority.majorUrgentOpen),
      },
      { figure: 'firstLevelOpen', label: '一级关注', show: (s) => count(s.priority.firstLevelOpen) },
      { figure: 'secondLevelOpen', label: '二级关注', show: (s) => count(s.priority.secondLevelOpen) },
    ],
  },
  SCREENING_GROUP,
];

function card({ figure: name, label }, shown, compared) {
  const value = element('span', { className: 'card-value', dataset: { figure: name } }, shown.value);
  if (shown.value === NO_DATA) value.classList.add('no-data');
  return element(
    'article',
    { className: 'card' },
    element('h4', {}, label),
    element('p', {}, value, shown.unit ? element('span', { className: 'card-unit' }, shown.unit) : ''),
    shown.detail
      ? element('p', { className: 'card-detail', dataset: { figure: `${name}-detail` } }, shown.detail)
      : '',
    ...comparisonLines(name, compared),
  );
}

export function renderHeadline(summary) {
  figure('headline').replaceChildren(
    ...HEADLINE.map((group) =>
      element(
        'section',
        { className: 'card-group' },
        element('h3', {}, group.title),
        element(
          'div',
          { className: 'cards' },
          ...group.cards.map((c) => card(c, c.show(summary), mirroredShown(c, summary))),
        ),
      ),
    ),
  );
}

/** What every report repeats: whose cases, over which period, known by which date. */
export function renderHeading({ scope, period, asOf }) {
  setText('scope', scope.name);
  setText('period', period.label);
  setText('period-range', `${period.from} 至 ${period.to}`);
  setText('as-of', asOf);
}

export function renderBriefing(briefing) {
  setText('briefing', briefing.text);
}

const emptyRow = (columns) =>
  element('tr', {}, element('td', { colspan: columns, className: 'empty' }, '本期无数据'));

export function renderUnits(byUnit) {
  const rows = byUnit.rows.map((u) =>
    element(
      'tr',
      { dataset: { unitId: u.unitId } },
      element('td', { dataset: { figure: 'unit-rank' } }, u.rank),
      element('td', { dataset: { figure: 'unit-name' } }, u.name),
      element('td', { dataset: { figure: 'unit-count' } }, u.count),
      element('td', {}, shareText(u.share)),
      element('td', { dataset: { figure: 'unit-on-time' } }, rateText(u.onTimeCompletion)),
      element('td', { dataset: { figure: 'unit-overdue' } }, u.overdue),
    ),
  );
  figure('units').replaceChildren(...(rows.length ? rows : [emptyRow(6)]));
}

/** The open cases past their time limit; each number links to the case (`#/cases/<id>` opens its panel). */
export function renderBacklog(backlog) {
  const rows = backlog.cases.map((c) =>
    element(
      'tr',
      { dataset: { petitionId: c.petitionId } },
      element(
        'td',
        {},
        element(
          'a',
          { href: `#/cases/${encodeURIComponent(c.petitionId)}`, className: 'case-link' },
          c.petitionId,
        ),
      ),
      element('td', {}, c.unitName),
      element('td', {}, c.handleDue),
      element('td', { dataset: { figure: 'days-overdue' } }, c.daysOverdue),
    ),
  );
  figure('backlog').replaceChildren(...(rows.length ? rows : [emptyRow(4)]));
}
