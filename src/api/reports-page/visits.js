// The visit register's figures (summary.visits): 批次 and 人次, 越级访 by destination, 集体访, first and repeat
// visits, how they were received, leaders' receptions, down-visits, joint receptions and 阅批.

import { element, figure } from './dom.js';

const batchesAndPersons = (p) => ({ value: `${p.batches}批`, detail: `${p.persons}人次` });
const times = (n, unit = '次') => ({ value: `${n}${unit}` });

const GROUPS = [
  {
    title: '来访接待',
    cards: [
      ['visits', '来访总数', (v) => batchesAndPersons(v)],
      ['visitsLocal', '本级接待', (v) => batchesAndPersons(v.byDestination.local)],
      ['visitsGroup', '集体访', (v) => batchesAndPersons(v.group)],
      ['visitsFirst', '初访', (v) => batchesAndPersons(v.firstTime)],
      ['visitsRepeat', '重复访', (v) => batchesAndPersons(v.repeat)],
    ],
  },
  {
    title: '越级访',
    cards: [
      ['visitsBeijing', '进京', (v) => batchesAndPersons(v.byDestination.beijing)],
      ['visitsProvince', '赴省', (v) => batchesAndPersons(v.byDestination.province)],
      ['visitsCity', '到市', (v) => batchesAndPersons(v.byDestination.city)],
    ],
  },
  {
    title: '接访方式与领导阅批',
    cards: [
      ['leaderReceptionDays', '领导接访', (v) => times(v.leaderReceptionDays)],
      [
        'downVisits',
        '领导下访',
        (v) => ({ ...times(v.downVisits.count), detail: `${v.downVisits.leaders}人次` }),
      ],
      ['jointReceptions', '联合接访', (v) => times(v.jointReceptions)],
      ['appointments', '约访', (v) => batchesAndPersons(v.byReception.appointment)],
      [
        'instructedCases',
        '领导阅批件',
        (v) => ({ ...times(v.instructions.cases, '件'), detail: `${v.instructions.count}条` }),
      ],
    ],
  },
];

function card(name, label, shown) {
  return element(
    'article',
    { className: 'card' },
    element('h4', {}, label),
    element('p', {}, element('span', { className: 'card-value', dataset: { figure: name } }, shown.value)),
    shown.detail
      ? element('p', { className: 'card-detail', dataset: { figure: `${name}-detail` } }, shown.detail)
      : '',
  );
}

/** The section under the headline; a summary without the part (an older API) leaves it empty. */
export function renderVisits(summary) {
  const visits = summary.visits;
  figure('visits').replaceChildren(
    ...(visits
      ? GROUPS.map((group) =>
          element(
            'section',
            { className: 'card-group' },
            element('h3', {}, group.title),
            element(
              'div',
              { className: 'cards' },
              ...group.cards.map(([name, label, show]) => card(name, label, show(visits))),
            ),
          ),
        )
      : []),
  );
}
