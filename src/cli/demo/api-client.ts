import { setTimeout as sleep } from 'node:timers/promises';

/** An answer the demo did not expect: the case it belongs to is reported as failed. */
export class UnexpectedAnswer extends Error {
  constructor(
    readonly what: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${what}: ${status} ${JSON.stringify(body)}`);
  }
}

/** A failure no case can get past (the API gone, tokens refused): the run stops. */
export class FatalDemoError extends Error {}

/**
 * Answers worth retrying with the same Idempotency-Key: the API stores no 5xx under a key (503 is "try again":
 * a Temporal deadline, a registration still in progress), so a retry runs the request again, safely.
 */
const retryable = (status: number) => status >= 500;
const ATTEMPTS = 6;

/**
 * The API as the demo's staff and petitioners use it: bearer tokens minted for the demo users, an
 * Idempotency-Key on every staff POST (so a retry, or a re-run after an interruption, does no work twice),
 * retries of transient failures, and patience with the public endpoint's rate limit.
 */
export class DemoApi {
  private readonly tokens = new Map<string, Promise<string>>();
  /** While the public endpoint is rate-limited, every petitioner request waits for this. */
  private publicPause: Promise<unknown> = Promise.resolve();
  private publicPausedUntil = 0;

  constructor(
    readonly baseUrl: string,
    /** Access tokens for the demo users (the embedded provider's, on embedded defaults). */
    private readonly mint: (login: string) => Promise<string>,
    private readonly say: (message: string) => void,
  ) {}

  /** Fails with a FatalDemoError unless an API answers at the base URL. */
  async checkReachable(): Promise<void> {
    try {
      const response = await fetch(`${this.baseUrl}/healthz`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
      throw new Error(`GET /healthz answered ${response.status}`);
    } catch (err) {
      throw new FatalDemoError(
        `No petitionflow API at ${this.baseUrl} (${err instanceof Error ? err.message : String(err)}): ` +
          'start the stack with `npm start`, or give --api',
      );
    }
  }

  /** A staff member's POST; answers the body, or throws UnexpectedAnswer for any status but `expected`. */
  async staff(login: string, path: string, body: unknown, idempotencyKey: string, expected = 200) {
    const token = await this.tokenOf(login);
    const { status, body: answer } = await this.send(path, body, {
      authorization: `Bearer ${token}`,
      'idempotency-key': idempotencyKey,
    });
    if (status === 401) {
      throw new FatalDemoError(
        'The API refused the demo’s tokens: they are signed with the embedded OpenID provider’s key ' +
          '(.data/oidc-provider-keys.json, as `npm start` keeps it); an API with its own OIDC_ISSUER does not trust it',
      );
    }
    if (status !== expected) throw new UnexpectedAnswer(`POST ${path} as ${login}`, status, answer);
    return answer as Record<string, unknown>;
  }

  /** The petitioner's POST to /api/public/…: no token; waits out the rate limit (429) and tries again. */
  async petitioner(path: string, body: unknown) {
    for (;;) {
      await this.publicPause;
      const { status, body: answer, retryAfterSeconds } = await this.send(`/api/public${path}`, body, {});
      if (status === 429) {
        this.pausePublic(retryAfterSeconds);
        continue;
      }
      if (status !== 200) throw new UnexpectedAnswer(`POST /api/public${path}`, status, answer);
      return answer as Record<string, unknown>;
    }
  }

  /** Holds every petitioner request for `seconds`, unless a pause already runs (concurrent 429s). */
  private pausePublic(seconds: number): void {
    if (Date.now() < this.publicPausedUntil) return;
    this.publicPausedUntil = Date.now() + seconds * 1000;
    this.publicPause = sleep(seconds * 1000);
    this.say(
      `the public endpoint is rate-limited (PUBLIC_RATE_LIMIT): waiting ${seconds} s ` +
        '(start the stack with a higher PUBLIC_RATE_LIMIT to fill faster)',
    );
  }

  private tokenOf(login: string): Promise<string> {
    let token = this.tokens.get(login);
    if (!token) {
      token = this.mint(login);
      this.tokens.set(login, token);
    }
    return token;
  }

  /** POSTs JSON; retries a lost connection or a retryable answer with growing pauses (the key makes it safe). */
  private async send(path: string, body: unknown, headers: Record<string, string>) {
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await fetch(`${this.baseUrl}${path}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(60_000),
        });
        const answer = parsed(await response.text());
        if (retryable(response.status) && attempt < ATTEMPTS) {
          await sleep(250 * 2 ** attempt);
          continue;
        }
        return {
          status: response.status,
          body: answer,
          retryAfterSeconds: Number(response.headers.get('retry-after') ?? 60) || 60,
        };
      } catch (err) {
        if (attempt >= ATTEMPTS) {
          throw new FatalDemoError(
            `The API at ${this.baseUrl} stopped answering (${err instanceof Error ? err.message : String(err)})`,
          );
        }
        await sleep(250 * 2 ** attempt);
      }
    }
  }
}

/** A JSON body, or the text as it came (a proxy's error page). */
function parsed(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text.slice(0, 200);
  }
}
