/** One message to one address, with the key that makes a repeat recognisable. */
export interface OutgoingMessage {
  /** The delivery's id: the same for every attempt at the same message. */
  idempotencyKey: string;
  to: string;
  subject: string;
  text: string;
}

/** What a channel answers when it took the message: the provider's reference, if any. */
export interface SendResult {
  providerRef?: string;
}

/**
 * A refusal that trying again will not change (an address the server rejects, a number the
 * gateway calls invalid, a wrong API key): the delivery fails at once with this reason.
 */
export class PermanentDeliveryError extends Error {
  override readonly name = 'PermanentDeliveryError';
}

export interface NotificationChannel {
  /**
   * Sends the message. `retry` is true from the second attempt on: a channel that can ask its
   * provider whether the first attempt arrived (SMS, by the local id) answers without sending.
   * Throws PermanentDeliveryError for a refusal that no retry can fix; any other error is retried.
   */
  send(message: OutgoingMessage, retry: boolean): Promise<SendResult>;
}
