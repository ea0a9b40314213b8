import { testToken } from '../support/sign-in';

/** One request as its client meant it: sent until it got a final answer, always under the same key. */
export interface SentRequest {
  login: string;
  path: string;
  body: unknown;
  key: string;
  attempts: number;
  /** The API the latest attempt went to, while that attempt is outstanding. */
  outstandingAt?: number;
  /** The final success: its status and the petition it concerned. */
  answer?: { status: number; petitionId: string };
  /** A final refusal (4xx), or "gave up". */
  failure?: string;
}

const RETRY_PAUSE_MS = 250;
/** More than the API's own deadline on a Temporal call (30 s). */
const ATTEMPT_TIMEOUT_MS = 35_000;

/**
 * Clients that send every POST with an Idempotency-Key and send it again, unchanged, after a 5xx, a
 * timeout or a broken connection. Each client has a home API; when the connection to it fails (the
 * process is gone) the next attempt goes to the next API.
 */
export class RetryingClients {
  readonly sent: SentRequest[] = [];
  attempts = 0;
  succeeded = 0;
  /** How the attempts were answered: by HTTP status, or `none` (connection refused or broken, timeout). */
  readonly answersByStatus: Record<string, number> = {};
  private readonly tokens = new Map<string, Promise<string>>();
  private closed = false;

  constructor(
    private readonly apiUrls: string[],
    private readonly giveUpAfterMs: number,
  ) {}

  async send(home: number, login: string, path: string, body: unknown, key: string): Promise<SentRequest> {
    const request: SentRequest = { login, path, body, key, attempts: 0 };
    this.sent.push(request);
    const deadline = Date.now() + this.giveUpAfterMs;
    for (let api = home; ;) {
      request.attempts++;
      this.attempts++;
      request.outstandingAt = api % this.apiUrls.length;
      const answer = await this.attempt(request, request.outstandingAt).catch(() => undefined);
      request.outstandingAt = undefined;
      const status = String(answer?.status ?? 'none');
      this.answersByStatus[status] = (this.answersByStatus[status] ?? 0) + 1;
      if (answer === undefined)
        api++; // the connection failed: the process is gone, try the next API
      else if (answer.status < 500) return this.settle(request, answer);
      if (Date.now() > deadline || this.closed) {
        request.failure = this.closed ? 'closed' : 'gave up';
        return request;
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
    }
  }

  /** Ends every retry loop (the test is over): what has not been answered stays unanswered. */
  close(): void {
    this.closed = true;
  }

  /** Sends the same request once more, to `api`: a replay must answer as the first final answer did. */
  async resend(request: SentRequest, api: number) {
    return this.attempt(request, api % this.apiUrls.length);
  }

  private async attempt(request: SentRequest, api: number) {
    const token = await this.tokenOf(request.login);
    const response = await fetch(`${this.apiUrls[api]}${request.path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': request.key,
      },
      body: JSON.stringify(request.body),
      signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
    });
    const text = await response.text();
    return {
      status: response.status,
      replayed: response.headers.get('idempotent-replayed') === 'true',
      body: parsed(text),
      text,
    };
  }

  private settle(
    request: SentRequest,
    answer: { status: number; body?: { id?: string }; text: string },
  ): SentRequest {
    if (answer.status < 300 && typeof answer.body?.id === 'string') {
      request.answer = { status: answer.status, petitionId: answer.body.id };
      this.succeeded++;
    } else {
      request.failure = `${request.path}: ${answer.status} ${answer.text}`;
    }
    return request;
  }

  private tokenOf(login: string): Promise<string> {
    if (!this.tokens.has(login)) this.tokens.set(login, testToken(login));
    return this.tokens.get(login)!;
  }
}

function parsed(text: string): { id?: string } | undefined {
  try {
    return JSON.parse(text) as { id?: string };
  } catch {
    return undefined; // not JSON: a proxy's or a dying process's answer
  }
}
