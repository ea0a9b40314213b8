import type { Request, Response } from 'express';
import pino from 'pino';
import { errorHandler } from '../../../src/api/errors';

function answer(err: unknown) {
  const res = { statusCode: 0, body: undefined as unknown } as unknown as Response & { body: any };
  (res as any).status = (code: number) => ((res as any).statusCode = code) && res;
  (res as any).json = (body: unknown) => ((res as any).body = body);
  errorHandler(pino({ level: 'silent' }))(
    err,
    { method: 'GET', path: '/x' } as Request,
    res,
    () => undefined,
  );
  return { status: res.statusCode, code: (res as any).body.error.code };
}

describe('the central error handler', () => {
  it('answers a busy or unreachable database with 503, not 500', () => {
    expect(answer(new Error('timeout exceeded when trying to connect'))).toEqual({
      status: 503,
      code: 'dependency_unavailable',
    });
    expect(
      answer(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' })),
    ).toEqual({
      status: 503,
      code: 'dependency_unavailable',
    });
    // pg's client when the database restarts under a query (seen in the fault test's PostgreSQL restart).
    expect(answer(new Error('Connection terminated unexpectedly'))).toEqual({
      status: 503,
      code: 'dependency_unavailable',
    });
    expect(answer(new Error('Connection terminated'))).toEqual({
      status: 503,
      code: 'dependency_unavailable',
    });
    // Connecting over the Unix socket while PostgreSQL is stopped: its socket file is not there.
    const socketGone = Object.assign(new Error('connect ENOENT /data/postgres/.s.PGSQL.5433'), {
      code: 'ENOENT',
      syscall: 'connect',
    });
    expect(answer(socketGone)).toEqual({ status: 503, code: 'dependency_unavailable' });
    const backlogFull = Object.assign(new Error('connect EAGAIN /data/postgres/.s.PGSQL.5433'), {
      code: 'EAGAIN',
      syscall: 'connect',
    });
    expect(answer(backlogFull)).toEqual({ status: 503, code: 'dependency_unavailable' });
    // A transaction's next query after the server ended its connection between two queries.
    expect(answer(new Error('Client has encountered a connection error and is not queryable'))).toEqual({
      status: 503,
      code: 'dependency_unavailable',
    });
    // Every client reconnecting at once after a restart; a crashed server's other backends.
    for (const code of ['53300', '57P02']) {
      expect(answer(Object.assign(new Error('database refused'), { code }))).toEqual({
        status: 503,
        code: 'dependency_unavailable',
      });
    }
  });

  it('keeps a library’s client error a client error, and anything else a logged 500', () => {
    expect(answer(Object.assign(new Error('unsupported charset'), { status: 415 }))).toEqual({
      status: 415,
      code: 'unsupported_media_type',
    });
    expect(answer(new Error('boom'))).toEqual({ status: 500, code: 'internal_error' });
    // A missing file is not a dependency down.
    const missingFile = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT', syscall: 'open' });
    expect(answer(missingFile)).toEqual({ status: 500, code: 'internal_error' });
  });
});
