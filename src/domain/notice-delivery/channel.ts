import type { DeliveryChannelName } from '../../db/notice-deliveries';
import type { NoticeMessage } from './message';

/** One notice on its way to one address. */
export interface Outgoing {
  /** The notice's id: the receiver's key for dropping a second copy (at-least-once delivery). */
  noticeId: string;
  address: string;
  message: NoticeMessage;
}

/** A way notices leave the system. `send` resolves once the receiver has accepted the notice, else throws. */
export interface DeliveryChannel {
  readonly name: DeliveryChannelName;
  /** Where it sends to, for the start-up line (no credentials). */
  readonly describe: string;
  send(outgoing: Outgoing): Promise<void>;
  close(): Promise<void>;
}

/** An error's message for the list of failures, bounded. */
export function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}
