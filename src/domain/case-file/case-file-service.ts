import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { User } from '../../db/organisation';
import { findCasesMergedInto, type PetitionRow } from '../../db/petitions';
import type { AttachmentRow, AttachmentStorage } from '../../db/case-file/attachment-storage';
import {
  currentDocumentOfKind,
  findLogEntry,
  insertLogEntry,
  type LogEntryKind,
  listLogEntries,
} from '../../db/case-file/log-entries';
import { toShanghaiDate } from '../../rules';
import { visiblePetition } from '../access';
import { AppError, fieldError, forbidden, notFound } from '../errors';
import { InspectedUpload } from './inspected-upload';

const ATTACHMENT_ID = /^att-[0-9a-f-]{36}$/;

export interface NewLogEntry {
  kind: LogEntryKind;
  occurredOn: string;
  text: string;
  /** The entry this one corrects (append-only log: an entry is never rewritten). */
  corrects?: string;
}

export interface UploadPlace {
  logEntryId?: string;
  /** A document of the case by kind (`reply-opinion`, …): its current one. */
  document?: string;
}

export interface Upload extends UploadPlace {
  fileName: string;
  content: AsyncIterable<Buffer>;
}

/**
 * The work log and the attachments of a case (S17). Read-model data in PostgreSQL, never in Temporal: they
 * record what was done around the procedure, and no deadline or decision depends on them. Who may see the case
 * reads them (the case detail's rule); who takes part in it writes them.
 */
export class CaseFileService {
  constructor(
    private readonly deps: {
      pool: Pool;
      storage: AttachmentStorage;
      maxAttachmentBytes: number;
      /** Today in Shanghai; a test's clock may replace it. */
      today?: () => string;
    },
  ) {}

  /** The case's log, and the logs of the cases merged into it (并案): each entry names its case. */
  async log(user: User, petitionId: string) {
    await visiblePetition(this.deps.pool, user, petitionId);
    const ids = await this.withMerged(petitionId);
    const [entries, attachments] = await Promise.all([
      listLogEntries(this.deps.pool, ids),
      this.listAttachments(ids),
    ]);
    const correctedBy = new Map(entries.filter((e) => e.corrects).map((e) => [e.corrects!, e.id]));
    return {
      items: entries.map((entry) => ({
        ...entry,
        correctedBy: correctedBy.get(entry.id) ?? null,
        attachments: attachments.filter((a) => a.logEntryId === entry.id),
      })),
    };
  }

  async addLogEntry(user: User, petitionId: string, entry: NewLogEntry) {
    const petition = await this.writable(user, petitionId);
    const today = (this.deps.today ?? (() => toShanghaiDate(new Date())))();
    if (entry.occurredOn > today) throw fieldError('occurredOn', `must not be after today (${today})`);
    if (entry.occurredOn < petition.receivedOn) {
      throw fieldError('occurredOn', `must not be before the petition was received (${petition.receivedOn})`);
    }
    if (entry.corrects !== undefined) {
      const corrected = await findLogEntry(this.deps.pool, petitionId, entry.corrects);
      if (!corrected) throw fieldError('corrects', `no entry ${entry.corrects} in this case's log`);
      if (corrected.author !== user.login) throw forbidden('Only the author of an entry can correct it');
    }
    const saved = await insertLogEntry(this.deps.pool, {
      id: `log-${randomUUID()}`,
      petitionId,
      kind: entry.kind,
      occurredOn: entry.occurredOn,
      text: entry.text,
      author: user.login,
      unitId: user.unitId,
      corrects: entry.corrects ?? null,
    });
    if (!saved) {
      throw new AppError(
        409,
        'already_corrected',
        `Entry ${entry.corrects} has a correction: correct that one`,
      );
    }
    return { ...saved, correctedBy: null, attachments: [] };
  }

  async attachments(user: User, petitionId: string): Promise<{ items: AttachmentRow[] }> {
    await visiblePetition(this.deps.pool, user, petitionId);
    return { items: await this.listAttachments(await this.withMerged(petitionId)) };
  }

  /**
   * Whether the user may attach a file there, and the document it goes to: asked before the body is read
   * (a refusal reads no file).
   */
  async checkUpload(
    user: User,
    petitionId: string,
    where: UploadPlace,
  ): Promise<{ documentId: string | null }> {
    await this.writable(user, petitionId);
    if (
      where.logEntryId !== undefined &&
      !(await findLogEntry(this.deps.pool, petitionId, where.logEntryId))
    ) {
      throw fieldError('logEntryId', `no entry ${where.logEntryId} in this case's log`);
    }
    if (where.document === undefined) return { documentId: null };
    const documentId = await currentDocumentOfKind(this.deps.pool, petitionId, where.document);
    if (!documentId) throw fieldError('document', `the case has no ${where.document} yet`);
    return { documentId };
  }

  /** Stores an upload, or nothing: a refused upload leaves no row and no byte behind. */
  async upload(user: User, petitionId: string, upload: Upload): Promise<AttachmentRow> {
    const { documentId } = await this.checkUpload(user, petitionId, upload);
    const inspected = new InspectedUpload(upload.fileName, this.deps.maxAttachmentBytes);
    return this.deps.storage.save(`att-${randomUUID()}`, inspected.pass(upload.content), () => ({
      ...inspected.result(),
      petitionId,
      logEntryId: upload.logEntryId ?? null,
      documentId,
      fileName: upload.fileName,
      uploadedBy: user.login,
      unitId: user.unitId,
    }));
  }

  /** The attachment's description and its bytes, for whoever may see the case. */
  async download(user: User, petitionId: string, attachmentId: string) {
    await visiblePetition(this.deps.pool, user, petitionId);
    // Checked after the case: a caller who may not see it learns nothing from the id's form either.
    if (!ATTACHMENT_ID.test(attachmentId)) throw notFound(`Attachment ${attachmentId}`);
    const found = await Promise.all(
      (await this.withMerged(petitionId)).map((id) => this.deps.storage.find(id, attachmentId)),
    );
    const attachment = found.find((row) => row !== undefined);
    if (!attachment) throw notFound(`Attachment ${attachmentId}`);
    return { attachment, content: this.deps.storage.open(attachmentId) };
  }

  /** The case and the cases merged into it (并案): their log and attachments show in the surviving case. */
  private async withMerged(petitionId: string): Promise<string[]> {
    return [petitionId, ...(await findCasesMergedInto(this.deps.pool, petitionId))];
  }

  private async listAttachments(petitionIds: string[]): Promise<AttachmentRow[]> {
    return (await Promise.all(petitionIds.map((id) => this.deps.storage.list(id)))).flat();
  }

  /**
   * Whoever takes part in the case writes its file; a bureau that transferred the case out of its area (转出)
   * only reads it, as it only reads the case.
   */
  private async writable(user: User, petitionId: string): Promise<PetitionRow> {
    const petition = await visiblePetition(this.deps.pool, user, petitionId);
    const parties = [
      petition.bureauUnitId,
      petition.handlingUnitId,
      petition.reviewUnitId,
      petition.reexaminationUnitId,
    ];
    if (!parties.includes(user.unitId) && (petition.transferredFromUnitIds ?? []).includes(user.unitId)) {
      throw forbidden('The case was transferred out of your area: its file is read only for your unit');
    }
    return petition;
  }
}
