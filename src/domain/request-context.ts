/**
 * What identifies an API request to the domain: its id (the Temporal update id, and the seed of the ids
 * of documents it writes) and the Idempotency-Key it came with, if any. A retry with the same key has the
 * same id, so nothing it does happens twice.
 */
export interface RequestContext {
  requestId: string;
  idempotencyKey?: string;
}
