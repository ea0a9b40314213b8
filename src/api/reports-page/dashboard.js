// The reports dashboard: signs in at the OpenID provider, reads the reports of a quarter and shows them.
// `body[data-state]` tells where the page is: login, loading, ready or error (the browser test waits on it).

import { loadReports } from './api.js';
import { closeCasePanel, syncCasePanel } from './case-panel.js';
import { keepChartsSized, renderCharts } from './charts.js';
import { renderBacklog, renderBriefing, renderHeading, renderHeadline, renderUnits } from './figures.js';
import { errorText } from './labels.js';
import { renderVisits } from './visits.js';
import { renderCampaigns } from './campaigns.js';
import { completeSignIn, forgetToken, signIn, signOut } from './sign-in.js';

const byId = (id) => document.getElementById(id);

function setState(state) {
  document.body.dataset.state = state;
}

function showMessage(text) {
  byId('message').textContent = text ?? '';
  byId('message').hidden = !text;
}

function showLogin(message) {
  byId('dashboard').hidden = true;
  byId('logout').hidden = true;
  byId('login').hidden = false;
  showMessage(message);
  setState('login');
  byId('sign-in').focus();
}

const askForTokenAgain = () => {
  void forgetToken();
  showLogin('登录已过期或账号已停用，请重新登录。');
};

/** The current quarter in China Standard Time, e.g. 2026Q3. */
function currentQuarter() {
  const [year, month] = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
  })
    .format(new Date())
    .split('-');
  return `${year}Q${Math.ceil(Number(month) / 3)}`;
}

/** The query the form holds; kept in the address too, so that a reload or a bookmark shows the same. */
function formQuery() {
  const quarter = byId('quarter').value.trim();
  const unit = byId('unit').value.trim();
  return unit ? { quarter, unit } : { quarter };
}

let latestLoad = 0;

async function showReport() {
  const query = formQuery();
  window.history.replaceState(null, '', `?${new URLSearchParams(query)}${window.location.hash}`);
  const load = ++latestLoad;
  setState('loading');
  showMessage('');
  try {
    const reports = await loadReports(query);
    if (load !== latestLoad) return;
    byId('report').hidden = false;
    renderHeading(reports.summary);
    renderHeadline(reports.summary);
    renderVisits(reports.summary);
    renderBriefing(reports.briefing);
    renderUnits(reports['by-unit']);
    renderBacklog(reports.backlog);
    renderCampaigns(reports.campaigns);
    renderCharts(reports);
    byId('report').dataset.query = new URLSearchParams(query).toString();
    setState('ready');
  } catch (error) {
    if (load !== latestLoad) return;
    if (error.status === 401) return askForTokenAgain();
    // No figures of an earlier query beside a form that asks for another.
    byId('report').hidden = true;
    if (!('status' in error)) console.error(error);
    showMessage('status' in error ? errorText(error) : `页面出错：${error.message}`);
    setState('error');
  }
}

function showDashboard() {
  byId('login').hidden = true;
  byId('dashboard').hidden = false;
  byId('logout').hidden = false;
  void showReport();
  void syncCasePanel(askForTokenAgain);
}

async function start() {
  byId('sign-in').addEventListener('click', () => {
    signIn().catch((error) => showLogin(`无法连接统一身份认证：${error.message}`));
  });
  byId('logout').addEventListener('click', () => {
    signOut().catch(() => showLogin('已退出登录。'));
  });
  byId('period-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void showReport();
  });
  byId('print').addEventListener('click', () => window.print());
  byId('case-close').addEventListener('click', closeCasePanel);
  window.addEventListener('hashchange', () => void syncCasePanel(askForTokenAgain));
  keepChartsSized();

  // Back from the provider, the address is restored first: the query it names is the one to show.
  let signedIn;
  try {
    signedIn = await completeSignIn();
  } catch (error) {
    console.error(error);
    return showLogin(`登录未完成：${error.message}`);
  }
  const params = new URLSearchParams(window.location.search);
  byId('quarter').value = params.get('quarter') ?? currentQuarter();
  byId('unit').value = params.get('unit') ?? '';
  if (signedIn) showDashboard();
  else showLogin();
}

void start();
