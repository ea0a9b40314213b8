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
  const token = await accessToken();
  if (!token) {
    onSignedOut();
    throw new ApiError(401, 'unauthenticated', '请先登录');
  }
  const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${token}` };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请稍后重试（重试不会重复办理）');
  }
  const text = await response.text();
  const payload = text ? (JSON.parse(text) as unknown) : undefined;
  if (response.ok) return payload as T;
  const error = (payload as { error?: { code?: string; message?: string; details?: unknown } } | undefined)
    ?.error;
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
