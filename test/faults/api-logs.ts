import fs from 'node:fs';
import path from 'node:path';

/* The API processes' logs, read after a fault run: CI keeps no logs, so the test prints what matters. */

/**
 * What the API processes logged as "unexpected error" (the ones answered 500), from their logs in
 * `logDir`: one line each with the process, the request and the error's type, code, message and first
 * stack frames — so that a CI run that saw a 500 says why without keeping its logs.
 */
export function unexpectedErrors(logDir: string): string[] {
  return apiLogLines(logDir)
    .filter(({ line }) => line.includes('"unexpected error"'))
    .map(({ file, line }) => `${file}: ${summary(line)}`);
}

/** How many requests the APIs answered 503 for an error whose message contains `text`. */
export function outagesLogged(logDir: string, text: string): number {
  return apiLogLines(logDir).filter(
    ({ line }) => line.includes('"dependency unavailable"') && line.includes(text),
  ).length;
}

function apiLogLines(logDir: string): Array<{ file: string; line: string }> {
  return fs
    .readdirSync(logDir)
    .filter((name) => /^api-.*\.log$/.test(name))
    .flatMap((file) =>
      fs
        .readFileSync(path.join(logDir, file), 'utf8')
        .split('\n')
        .map((line) => ({ file, line })),
    );
}

function summary(line: string): string {
  try {
    const entry = JSON.parse(line) as {
      method?: string;
      path?: string;
      err?: { type?: string; code?: unknown; message?: string; stack?: string; cause?: unknown };
    };
    const err = entry.err ?? {};
    const frames = (err.stack ?? '')
      .split('\n')
      .slice(1, 6)
      .map((frame) => frame.trim());
    return JSON.stringify({
      request: `${entry.method} ${entry.path}`,
      type: err.type,
      code: err.code,
      message: err.message,
      cause: err.cause,
      frames,
    });
  } catch {
    return line.slice(0, 2_000);
  }
}
