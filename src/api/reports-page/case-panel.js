// The case panel: a petition's key fields from `/api/petitions/<id>`, opened by the backlog's links.

import { loadPetition } from './api.js';
import { element } from './dom.js';
import { deadlineLabel, deadlineStatusLabel, errorText, statusLabel } from './labels.js';

const CASE_LINK = /^#\/cases\/([^/]+)$/;

const panel = () => document.getElementById('case-panel');
const field = (name) => panel().querySelector(`[data-field="${name}"]`);

/** The petition id the address names (`#/cases/<id>`), if any. */
export function linkedCaseId() {
  const match = CASE_LINK.exec(window.location.hash);
  return match ? decodeURIComponent(match[1]) : undefined;
}

const dateOf = (instant) => (instant ? instant.slice(0, 10) : '—');

function detailRows(petition) {
  const handlingUnit = petition.handlingUnitName ?? petition.handlingUnitId;
  const next = petition.nextDeadline;
  return [
    ['事项', petition.subject, 'subject'],
    ['状态', statusLabel(petition.status), 'status'],
    ['登记日期', petition.receivedOn, 'received-on'],
    ['登记机关', petition.bureauUnitId, 'bureau'],
    ['责任单位', handlingUnit ?? '尚未转送', 'handling-unit'],
    ['是否逾期', petition.overdue ? '是' : '否', 'overdue'],
    ['下一期限', next ? `${deadlineLabel(next.key)} ${dateOf(next.dueAt)}` : '无', 'next-deadline'],
  ];
}

function showPetition(petition) {
  field('details').replaceChildren(
    ...detailRows(petition).flatMap(([label, value, name]) => [
      element('dt', {}, label),
      element('dd', { dataset: { figure: `case-${name}` } }, value),
    ]),
  );
  const deadlines = petition.deadlines.map((d) =>
    element(
      'tr',
      { dataset: { deadline: d.key } },
      element('td', {}, deadlineLabel(d.key)),
      element('td', {}, d.dueDate),
      element('td', {}, deadlineStatusLabel(d.status)),
    ),
  );
  field('deadlines').replaceChildren(
    ...(deadlines.length
      ? deadlines
      : [element('tr', {}, element('td', { colspan: 3, className: 'empty' }, '无期限记录'))]),
  );
}

function clear(id, message) {
  field('id').textContent = id;
  field('message').textContent = message ?? '';
  field('message').hidden = !message;
  field('details').replaceChildren();
  field('deadlines').replaceChildren();
}

/**
 * Shows the case the address names, or hides the panel. `onUnauthorised` takes a 401 (the token has
 * lapsed); other refusals show in the panel.
 */
export async function syncCasePanel(onUnauthorised) {
  const id = linkedCaseId();
  panel().hidden = id === undefined;
  if (id === undefined) return;
  clear(id, '正在加载…');
  panel().dataset.state = 'loading';
  try {
    const petition = await loadPetition(id);
    if (linkedCaseId() !== id) return;
    clear(id);
    showPetition(petition);
    panel().dataset.state = 'ready';
  } catch (error) {
    panel().dataset.state = 'error';
    if (error.status === 401) return onUnauthorised();
    clear(id, errorText(error));
  }
}

export function closeCasePanel() {
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  panel().hidden = true;
}
