import pino, { type Logger } from 'pino';

/** A line of progress for a person at a terminal (starting servers, building tools). */
export type Log = (message: string) => void;

/**
 * JSON lines for log collectors; readable, coloured lines when a person watches a terminal (pino-pretty, in
 * a worker thread so it never slows a request).
 */
export function createLogger(
  level: string,
  terminal: boolean = process.stdout.isTTY === true,
  /** Where the JSON lines go instead of standard output (tests read them). */
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'petitionflow' },
    // Credentials, wherever a request carries them (F6: a refused cookie was logged in full).
    redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'],
    ...(terminal && !destination
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' },
          },
        }
      : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}
