// The monthly situation analysis (信访形势分析): one month's figures, the twelve months' trend, the subject
// matters rising fastest, the clusters of similar new cases, the group visits and the backlog campaigns, from
// GET /api/reports/analysis.
// `body[data-state]` tells where the page is: login, loading, ready or error (the browser test waits on it).

import { ApiError, getJson, tokenStore } from './api.js';
import { renderCampaigns } from './campaigns.js';
import { keepPrintImage, withBase } from './charts.js';
import { element, figure, setText } from './dom.js';
import { renderHeading, renderHeadline } from './figures.js';
import { errorText, monthText } from './labels.js';
import { completeSignIn, forgetToken, signIn, signOut } from './sign-in.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const byId = (id) => document.getElementById(id);
const setState = (state) => (document.body.dataset.state = state);

function showMessage(text) {
  byId('message').textContent = text ?? '';
  byId('message').hidden = !text;
}

function showLogin(message) {
  byId('analysis').hidden = true;
  byId('logout').hidden = true;
  byId('login').hidden = false;
  showMessage(message);
  setState('login');
}

const askForTokenAgain = () => {
  void forgetToken();
  showLogin('登录已过期或账号已停用，请重新登录。');
};

/** Last month in China Standard Time: the one a monthly analysis is usually written for. */
function lastMonth() {
  const [year, month] = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
  })
    .format(new Date())
    .split('-')
    .map(Number);
  const [y, m] = month === 1 ? [year - 1, 12] : [year, month - 1];
  return `${y}-${String(m).padStart(2, '0')}`;
}

function formQuery() {
  const month = byId('month').value.trim();
  const unit = byId('unit').value.trim();
  // The address may carry an as-of date (a report as it stood then); the form keeps it.
  const asOf = new URLSearchParams(window.location.search).get('asOf');
  return { month, ...(unit ? { unit } : {}), ...(asOf ? { asOf } : {}) };
}

const emptyRow = (columns) =>
  element('tr', {}, element('td', { className: 'empty', colspan: String(columns) }, '本期无数据'));

function renderRising(rising) {
  const rows = rising.rows.map((r) =>
    element(
      'tr',
      { dataset: { key: r.key } },
      element('td', { dataset: { figure: 'rising-label' } }, r.label),
      element('td', { dataset: { figure: 'rising-count' } }, r.count),
      element('td', {}, r.previous),
      element('td', {}, `+${r.change}`),
      element('td', {}, r.growth === null ? '上月无' : `${r.growth.toFixed(1)}%`),
    ),
  );
  figure('rising').replaceChildren(...(rows.length ? rows : [emptyRow(5)]));
}

function renderClusters(clusters) {
  setText('cluster-rule', `认定规则：${clusters.rule}。`);
  const rows = clusters.rows.map((c) =>
    element(
      'tr',
      { dataset: { domain: c.domain, unitId: c.unitId } },
      element('td', {}, c.label),
      element('td', {}, c.unitName),
      element('td', { dataset: { figure: 'cluster-count' } }, c.count),
      element('td', {}, c.petitionIds.join('、')),
    ),
  );
  figure('clusters').replaceChildren(...(rows.length ? rows : [emptyRow(4)]));
}

/** 集体访 of the month and of the month before, in 批 and 人次. */
function renderGroupVisits(group) {
  const before = group.previousMonth;
  setText(
    'group-visits',
    `本月${group.batches}批${group.persons}人次；上月${before.batches}批${before.persons}人次。`,
  );
}

function trendOption(trend) {
  const rows = trend.rows;
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: ['受理件数', '按期办结率'], top: 0 },
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => monthText(r.month)) },
    yAxis: [
      { type: 'value', name: '件', minInterval: 1 },
      { type: 'value', name: '%', min: 0, max: 100, splitLine: { show: false } },
    ],
    series: [
      { name: '受理件数', type: 'line', data: rows.map((r) => r.received), label: { show: true } },
      {
        name: '按期办结率',
        type: 'line',
        yAxisIndex: 1,
        lineStyle: { type: 'dashed' },
        data: rows.map((r) => r.onTimeCompletion.rate),
      },
    ],
  };
}

function renderTrend(trend) {
  const container = document.querySelector('[data-chart="trend"]');
  const chart =
    window.echarts.getInstanceByDom(container) ??
    window.echarts.init(container, null, { renderer: 'canvas' });
  chart.setOption(withBase(trendOption(trend)), true);
  chart.resize();
  keepPrintImage(container, chart);
}

let latestLoad = 0;

async function showAnalysis() {
  const query = formQuery();
  window.history.replaceState(null, '', `?${new URLSearchParams(query)}`);
  const load = ++latestLoad;
  setState('loading');
  showMessage('');
  try {
    const analysis = await getJson('/api/reports/analysis', query);
    if (load !== latestLoad) return;
    byId('report').hidden = false;
    renderHeading(analysis);
    setText('analysis-text', analysis.text);
    renderHeadline(analysis.figures);
    renderRising(analysis.rising);
    renderClusters(analysis.clusters);
    renderGroupVisits(analysis.groupVisits);
    setText('campaigns-as-of', analysis.campaigns.progressAsOf);
    renderCampaigns(analysis.campaigns);
    renderTrend(analysis.trend);
    byId('report').dataset.query = new URLSearchParams(query).toString();
    setState('ready');
  } catch (error) {
    if (load !== latestLoad) return;
    if (error.status === 401) return askForTokenAgain();
    byId('report').hidden = true;
    if (!('status' in error)) console.error(error);
    showMessage('status' in error ? errorText(error) : `页面出错：${error.message}`);
    setState('error');
  }
}

/** The Word file of the shown month, fetched with the token and saved under the API's file name. */
async function downloadDocx() {
  const url = new URL('/api/reports/analysis', window.location.origin);
  for (const [name, value] of Object.entries(formQuery())) url.searchParams.set(name, value);
  const response = await fetch(url, {
    headers: { Authorization: `Bearer ${tokenStore.get() ?? ''}`, Accept: DOCX },
  });
  if (response.status === 401) return askForTokenAgain();
  if (!response.ok) {
    const body = await response.json().catch(() => undefined);
    throw new ApiError(
      response.status,
      body?.error?.code ?? 'http_error',
      body?.error?.message ?? response.statusText,
    );
  }
  const name =
    /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'analysis.docx';
  const link = element('a', { href: URL.createObjectURL(await response.blob()), download: name });
  link.click();
  URL.revokeObjectURL(link.href);
}

async function start() {
  byId('sign-in').addEventListener('click', () => {
    const here = `${window.location.pathname}${window.location.search}`;
    signIn(here).catch((error) => showLogin(`无法连接统一身份认证：${error.message}`));
  });
  byId('logout').addEventListener('click', () => {
    signOut().catch(() => showLogin('已退出登录。'));
  });
  byId('month-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void showAnalysis();
  });
  byId('print').addEventListener('click', () => window.print());
  byId('download-docx').addEventListener('click', () => {
    downloadDocx().catch((error) => showMessage('status' in error ? errorText(error) : error.message));
  });
  window.addEventListener('beforeprint', () => {
    const container = document.querySelector('[data-chart="trend"]');
    const chart = window.echarts?.getInstanceByDom(container);
    if (chart) keepPrintImage(container, chart);
  });

  let signedIn;
  try {
    signedIn = await completeSignIn();
  } catch (error) {
    console.error(error);
    return showLogin(`登录未完成：${error.message}`);
  }
  const params = new URLSearchParams(window.location.search);
  byId('month').value = params.get('month') ?? lastMonth();
  byId('unit').value = params.get('unit') ?? '';
  if (!signedIn) return showLogin();
  byId('login').hidden = true;
  byId('analysis').hidden = false;
  byId('logout').hidden = false;
  void showAnalysis();
}

void start();
