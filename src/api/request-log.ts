/**
 * What a request's log line may say. A token sent where none is read (`?access_token=`, `?token=`, a cookie)
 * is refused, but it is still a credential: its value never reaches the log (F6). The Authorization header
 * and cookies are redacted by the logger itself (src/runtime/logger.ts).
 */
const CREDENTIAL_PARAMS = ['access_token', 'token', 'id_token', 'refresh_token'];
const REDACTED = '[Redacted]';

/** The URL with the values of credential-like query parameters replaced. */
export function scrubUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const params = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const name = decodeSafely(pair.split('=')[0] ?? '').toLowerCase();
      return CREDENTIAL_PARAMS.includes(name) ? `${pair.split('=')[0]}=${REDACTED}` : pair;
    });
  return `${url.slice(0, at)}?${params.join('&')}`;
}

/** pino-http's serialized request, its URL and query scrubbed. */
export function requestLogSerializer(req: { url?: string; query?: Record<string, unknown> }) {
  const query = req.query
    ? Object.fromEntries(
        Object.entries(req.query).map(([k, v]) => [
          k,
          CREDENTIAL_PARAMS.includes(k.toLowerCase()) ? REDACTED : v,
        ]),
      )
    : req.query;
  return { ...req, ...(req.url ? { url: scrubUrl(req.url) } : {}), ...(query ? { query } : {}) };
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
