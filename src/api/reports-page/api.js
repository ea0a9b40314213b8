// The report API as the dashboard reads it: the access token (sign-in.js) kept in session storage, JSON or an ApiError.

const TOKEN_KEY = 'petitionflow.reports.token';

export const tokenStore = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (token) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** A refusal by the API (status and the `{error: {code, message}}` body), or the server out of reach (0). */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export async function getJson(path, params = {}) {
  const url = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(params)) if (value) url.searchParams.set(name, value);
  let response;
  try {
    response = await fetch(url, {
      headers: { Authorization: `Bearer ${tokenStore.get() ?? ''}`, Accept: 'application/json' },
    });
  } catch {
    throw new ApiError(0, 'unreachable', '无法连接服务器，请检查网络后重试');
  }
  const body = await response.json().catch(() => undefined);
  if (!response.ok) {
    const message = body?.error?.message ?? `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, body?.error?.code ?? 'http_error', message);
  }
  return body;
}

const REPORTS = [
  'summary',
  'by-unit',
  'by-channel',
  'by-domain',
  'by-level',
  'by-month',
  'backlog',
  'briefing',
  'campaigns',
];

/** Every report the page shows, for one query (`quarter`, optional `unit`), keyed by report name. */
export async function loadReports(query) {
  const bodies = await Promise.all(REPORTS.map((name) => getJson(`/api/reports/${name}`, query)));
  return Object.fromEntries(REPORTS.map((name, i) => [name, bodies[i]]));
}

export const loadPetition = (id) => getJson(`/api/petitions/${encodeURIComponent(id)}`);
