import { createHash } from 'node:crypto';
import { addDays } from '../../src/rules/dates';
import { startTestApp, shanghaiToday, type TestApp } from '../support/harness';
import { PetitionFlow } from '../support/petition-flow';
import { testToken } from '../support/sign-in';
import { petitionWorkflowId } from '../../src/workflows/messages';

/**
 * The case file (issue 22, S17) through the API on the real stack: the work log and the attachments, stored in
 * PostgreSQL and never in Temporal. The attachment limit is small here (64 KiB) so "over the limit" is cheap.
 */
const LIMIT = 64 * 1024;
let app: TestApp;
let flow: PetitionFlow;
const today = shanghaiToday();

beforeAll(async () => {
  app = await startTestApp('case-file', { maxAttachmentBytes: LIMIT });
  flow = new PetitionFlow(app);
});

afterAll(async () => {
  await app?.stop();
});

/** A PDF-looking file of `size` bytes (the type is read from the first bytes). */
function pdf(size: number): Buffer {
  const bytes = Buffer.alloc(size, 0x20);
  Buffer.from('%PDF-1.7\n').copy(bytes);
  for (let i = 9; i < size; i++) bytes[i] = (i * 7919) % 251;
  return bytes;
}

async function upload(login: string, id: string, file: Buffer, fileName: string, query = '') {
  const form = new FormData();
  form.append('file', new Blob([file]), fileName);
  const response = await fetch(`${app.baseUrl}/api/petitions/${id}/attachments${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await testToken(login)}` },
    body: form,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function download(login: string, id: string, attachmentId: string) {
  const response = await fetch(`${app.baseUrl}/api/petitions/${id}/attachments/${attachmentId}`, {
    headers: { authorization: `Bearer ${await testToken(login)}` },
  });
  return {
    status: response.status,
    headers: response.headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

async function storedRows(id: string): Promise<{ attachments: number; chunks: number }> {
  const { rows } = await app.pool.query(
    `SELECT (SELECT count(*) FROM case_attachments WHERE petition_id = $1)::int AS attachments,
            (SELECT count(*) FROM case_attachment_chunks c
              WHERE NOT EXISTS (SELECT 1 FROM case_attachments a WHERE a.id = c.attachment_id))::int AS chunks`,
    [id],
  );
  return rows[0];
}

describe('the work log', () => {
  it('takes dated entries from the parties, lists them in date order, and corrects by appending', async () => {
    const id = await flow.transferred({ receivedOn: addDays(today, -5) });
    const visit = await app.request('handler', 'POST', `/api/petitions/${id}/log`, {
      kind: 'site-visit',
      occurredOn: addDays(today, -1),
      text: '到3号楼现场查看电梯。',
    });
    expect(visit.status).toBe(201);
    expect(visit.body).toMatchObject({ author: 'handler', unitId: 'qingshan-housing', kind: 'site-visit' });
    const call = await app.request('registrar', 'POST', `/api/petitions/${id}/log`, {
      kind: 'call',
      occurredOn: addDays(today, -3),
      text: '电话联系信访人，核实诉求。',
    });
    expect(call.status).toBe(201);

    // Only the author corrects; the correction names the entry, which stays on file.
    const notAuthor = await app.request('registrar', 'POST', `/api/petitions/${id}/log`, {
      kind: 'site-visit',
      occurredOn: addDays(today, -1),
      text: '更正',
      corrects: visit.body.id,
    });
    expect(notAuthor.status).toBe(403);
    const correction = await app.request('handler', 'POST', `/api/petitions/${id}/log`, {
      kind: 'site-visit',
      occurredOn: addDays(today, -2),
      text: '更正：走访日期为前天。',
      corrects: visit.body.id,
    });
    expect(correction.status).toBe(201);
    const twice = await app.request('handler', 'POST', `/api/petitions/${id}/log`, {
      kind: 'site-visit',
      occurredOn: addDays(today, -2),
      text: '再次更正',
      corrects: visit.body.id,
    });
    expect(twice).toMatchObject({ status: 409, body: { error: { code: 'already_corrected' } } });

    const log = await app.request('jco', 'GET', `/api/petitions/${id}/log`);
    expect(log.status).toBe(200);
    expect(log.body.items.map((e: { id: string }) => e.id)).toEqual([
      call.body.id,
      correction.body.id,
      visit.body.id,
    ]);
    expect(log.body.items[2]).toMatchObject({ correctedBy: correction.body.id });

    // Nothing of it reached the workflow.
    const history = await app.client.workflow
      .getHandle(petitionWorkflowId(id))
      .fetchHistory()
      .catch(() => undefined);
    if (history) expect(JSON.stringify(history)).not.toContain('到3号楼现场查看电梯');
  });

  it('refuses a date after today or before receipt, and a case the caller may not see', async () => {
    const id = await flow.transferred({ receivedOn: addDays(today, -5) });
    const entry = (occurredOn: string) => ({ kind: 'talk', occurredOn, text: '约谈物业公司。' });
    const future = await app.request('handler', 'POST', `/api/petitions/${id}/log`, entry(addDays(today, 1)));
    expect(future).toMatchObject({ status: 422, body: { error: { code: 'validation_failed' } } });
    const early = await app.request('handler', 'POST', `/api/petitions/${id}/log`, entry(addDays(today, -6)));
    expect(early).toMatchObject({ status: 422, body: { error: { code: 'validation_failed' } } });
    const unseen = await app.request('hr-handler', 'POST', `/api/petitions/${id}/log`, entry(today));
    expect(unseen.status).toBe(404);
    expect((await app.request('hr-handler', 'GET', `/api/petitions/${id}/log`)).status).toBe(404);
    const { rows } = await app.pool.query(
      'SELECT count(*)::int AS n FROM case_log_entries WHERE petition_id = $1',
      [id],
    );
    expect(rows[0].n).toBe(0);
  });
});

describe('attachments', () => {
  it('stores an upload on a log entry and gives back the same bytes to whoever sees the case', async () => {
    const id = await flow.transferred({ receivedOn: addDays(today, -5) });
    const entry = await app.request('handler', 'POST', `/api/petitions/${id}/log`, {
      kind: 'investigation',
      occurredOn: today,
      text: '调取维保记录。',
    });
    // Larger than one storage chunk would be at this limit's scale: several network pieces, one file.
    const file = pdf(LIMIT);
    const saved = await upload('handler', id, file, '维保记录.pdf', `?logEntryId=${entry.body.id}`);
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({
      petitionId: id,
      logEntryId: entry.body.id,
      fileName: '维保记录.pdf',
      mediaType: 'application/pdf',
      sizeBytes: LIMIT,
      sha256: createHash('sha256').update(file).digest('hex'),
    });

    const got = await download('jco', id, saved.body.id);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('etag')).toBe(`"${saved.body.sha256}"`);
    expect(got.bytes.equals(file)).toBe(true);

    const log = await app.request('registrar', 'GET', `/api/petitions/${id}/log`);
    expect(log.body.items[0].attachments).toEqual([saved.body]);
    expect((await download('hr-handler', id, saved.body.id)).status).toBe(404);
  });

  it('refuses a file over the limit, of a refused type, empty, or on a case the caller may not see: nothing stored', async () => {
    const id = await flow.transferred({ receivedOn: addDays(today, -5) });
    const over = await upload('handler', id, pdf(LIMIT + 1), 'scan.pdf');
    expect(over).toMatchObject({ status: 413, body: { error: { code: 'file_too_large' } } });
    const script = await upload('handler', id, Buffer.from('#!/bin/sh\nrm -rf /\n'.repeat(10)), 'scan.pdf');
    expect(script).toMatchObject({ status: 415, body: { error: { code: 'unsupported_file_type' } } });
    // A ZIP is a container: only the office extensions make it an attachment.
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 1)]);
    expect((await upload('handler', id, zip, 'archive.zip')).status).toBe(415);
    const empty = await upload('handler', id, Buffer.alloc(0), 'empty.pdf');
    expect(empty).toMatchObject({ status: 422, body: { error: { code: 'empty_file' } } });
    const unseen = await upload('hr-handler', id, pdf(1000), 'scan.pdf');
    expect(unseen.status).toBe(404);
    const json = await app.request('handler', 'POST', `/api/petitions/${id}/attachments`, { file: 'x' });
    expect(json.status).toBe(415);
    expect(await storedRows(id)).toEqual({ attachments: 0, chunks: 0 });
    // The office file the extension names is taken.
    const docx = await upload('handler', id, zip, '调解协议.docx');
    expect(docx.body.mediaType).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
  });

  it("attaches a file to the reply's written opinion, once there is one", async () => {
    const id = await flow.transferred({ receivedOn: addDays(today, -5) });
    const early = await upload('handler', id, pdf(1000), '答复意见书.pdf', '?document=reply-opinion');
    expect(early).toMatchObject({ status: 422, body: { error: { code: 'validation_failed' } } });
    await flow.post('handler', id, 'accept', { procedure: 'normal' });
    await flow.post('handler', id, 'reply', { outcome: 'supported', opinion: '已责成物业维修。' });
    const saved = await upload('handler', id, pdf(1000), '答复意见书.pdf', '?document=reply-opinion');
    expect(saved.status).toBe(201);
    const { rows } = await app.pool.query('SELECT kind FROM petition_documents WHERE id = $1', [
      saved.body.documentId,
    ]);
    expect(rows).toEqual([{ kind: 'reply-opinion' }]);
  });

  it('is read only for a bureau that transferred the case out of its area', async () => {
    const id = await flow.register({ receivedOn: addDays(today, -5) });
    await flow.post('registrar', id, 'transfer-out', { bureauId: 'yunzhou-petition-bureau' });
    expect((await app.request('registrar', 'GET', `/api/petitions/${id}/log`)).status).toBe(200);
    const entry = { kind: 'call', occurredOn: today, text: '电话告知转出。' };
    expect((await app.request('registrar', 'POST', `/api/petitions/${id}/log`, entry)).status).toBe(403);
    expect((await upload('registrar', id, pdf(1000), 'scan.pdf')).status).toBe(403);
    expect(await storedRows(id)).toEqual({ attachments: 0, chunks: 0 });
  });
});

describe('a case merged into another (并案)', () => {
  it('shows its log and attachments in the surviving case, each naming its own case', async () => {
    const surviving = await flow.transferred({ receivedOn: addDays(today, -5) });
    const duplicate = await flow.transferred({ receivedOn: addDays(today, -4) });
    const entry = await app.request('handler', 'POST', `/api/petitions/${duplicate}/log`, {
      kind: 'site-visit',
      occurredOn: today,
      text: '现场查看电梯。',
    });
    const file = pdf(2000);
    const saved = await upload('handler', duplicate, file, '现场照片.pdf', `?logEntryId=${entry.body.id}`);
    expect(saved.status).toBe(201);
    const merged = await app.request('registrar', 'POST', `/api/petitions/${duplicate}/merge`, {
      into: surviving,
      reason: '同一事项重复反映，并案办理。',
    });
    expect(merged.status).toBe(200);

    const log = await app.request('jco', 'GET', `/api/petitions/${surviving}/log`);
    expect(log.body.items).toEqual([
      expect.objectContaining({ id: entry.body.id, petitionId: duplicate, attachments: [saved.body] }),
    ]);
    const attachments = await app.request('jco', 'GET', `/api/petitions/${surviving}/attachments`);
    expect(attachments.body.items).toEqual([saved.body]);
    const got = await download('jco', surviving, saved.body.id);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(file)).toBe(true);
    // Undone, they are the duplicate's alone again.
    await app.request('registrar', 'POST', `/api/petitions/${duplicate}/unmerge`, {
      reason: '并非同一事项。',
    });
    expect((await app.request('jco', 'GET', `/api/petitions/${surviving}/log`)).body.items).toEqual([]);
    expect((await download('jco', surviving, saved.body.id)).status).toBe(404);
  });
});
