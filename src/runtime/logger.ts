import pino, { type Logger } from 'pino';

/** A line of progress for a person at a terminal (starting servers, building tools). */
export type Log = (message: string) => void;

/**
 * JSON lines for log collectors; readable, coloured lines when a person watches a terminal (pino-pretty, in
 * a worker thread so it never slows a request).
 */
export function createLogger(level: string, terminal: boolean = process.stdout.isTTY === true): Logger {
  return pino({
    level,
    base: { service: 'petitionflow' },
    redact: ['req.headers.authorization'],
    ...(terminal
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' },
          },
        }
      : {}),
  });
}
