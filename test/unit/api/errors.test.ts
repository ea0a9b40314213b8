import type { Request, Response } from 'express';
import { ServiceError } from '@temporalio/client';
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

  it('answers what the Temporal client could not retry away with 503 when it means "not now"', () => {
    const grpc = (code: number) =>
      Object.assign(new Error(`${code} status`), { code, details: 'status', metadata: {} });
    // Deadline exceeded, resource exhausted (a busy workflow, a rate limit), aborted, unavailable.
    for (const code of [4, 8, 10, 14]) {
      expect(answer(new ServiceError('Workflow Update failed', { cause: grpc(code) }))).toEqual({
        status: 503,
        code: 'dependency_unavailable',
      });
      expect(answer(grpc(code))).toEqual({ status: 503, code: 'dependency_unavailable' });
    }
    // A transport error under the client's own wrapping.
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:7233'), { code: 'ECONNREFUSED' });
    expect(
      answer(new ServiceError('Unexpected error while making gRPC request', { cause: refused })),
    ).toEqual({
      status: 503,
      code: 'dependency_unavailable',
    });
    // Invalid argument, internal: our bug or theirs, not a passing outage.
    for (const code of [3, 13]) {
      expect(answer(new ServiceError('Workflow Update failed', { cause: grpc(code) }))).toEqual({
        status: 500,
        code: 'internal_error',
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
