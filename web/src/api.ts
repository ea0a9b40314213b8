import { accessToken, forgetSignIn } from './auth';

/** A refusal of the API: its status, machine-readable code, message, and the fields it names. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Field path (`petitioner.name`) → the server's message about it. */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Called when the API refuses the token: the app asks for a new sign-in. */
let onSignedOut: () => void = () => {};
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

interface Options {
  body?: unknown;
  /** The key of one submission: a retry or a double click sends the same key, and the work is done once. */
  idempotencyKey?: string;
}

/** A call of the API with the signed-in user's token; JSON in, JSON out, refusals as ApiError. */
export async function api<T>(method: string, path: string, options: Options = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const response = await call(method, path, headers, body);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A file sent as multipart/form-data (field `file`), under the Idempotency-Key of this one upload. */
export async function apiUpload<T>(path: string, file: File, idempotencyKey: string): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  const response = await call(
    'POST',
    path,
    { Accept: 'application/json', 'Idempotency-Key': idempotencyKey },
    form,
  );
  return (await response.json()) as T;
}

/** A file the API answers, as bytes (an attachment's download needs the token a plain link cannot carry). */
export async function apiDownload(path: string): Promise<Blob> {
  return (await call('GET', path, {}, undefined)).blob();
}

/** Sends with the token; answers the response when it is a success, throws the refusal as ApiError. */
async function call(
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string | FormData | undefined,
): Promise<Response> {
  const token = await accessToken();
  if (!token) {
    onSignedOut();
    throw new ApiError(401, 'unauthenticated', '请先登录');
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers: { ...headers, Authorization: `Bearer ${token}` }, body });
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请稍后重试（重试不会重复办理）');
  }
  if (response.ok) return response;
  const text = await response.text();
  const payload = text
    ? (safeJson(text) as { error?: { code?: string; message?: string; details?: unknown } })
    : undefined;
  const error = payload?.error;
  if (response.status === 401) {
    await forgetSignIn();
    onSignedOut();
  }
  throw new ApiError(
    response.status,
    error?.code ?? 'http_error',
    error?.message ?? `${response.status} ${response.statusText}`,
    fieldsOf(error?.details),
  );
}

/** A refusal's body is JSON from the API, but a proxy in between may answer HTML. */
function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function fieldsOf(details: unknown): Record<string, string> {
  const fields = (details as { fields?: Array<{ path: string; message: string }> } | undefined)?.fields;
  return Object.fromEntries((fields ?? []).map((f) => [f.path, f.message]));
}

/** A fresh Idempotency-Key (128 random bits; getRandomValues works outside secure contexts too). */
export function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The Idempotency-Key of one form: the same while the same body is sent again (a double click, a retry after
 * a lost answer: done once), a new one once the body changes (a corrected form is another request — the API
 * refuses a key reused for a different body).
 */
export class Submission {
  private key = newKey();
  private sent: string | undefined;

  keyFor(body: unknown): string {
    const text = JSON.stringify(body);
    if (this.sent !== undefined && this.sent !== text) this.key = newKey();
    this.sent = text;
    return this.key;
  }
}
