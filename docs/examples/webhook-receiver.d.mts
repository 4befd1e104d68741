import type { Server } from 'node:http';

/** Types for docs/examples/webhook-receiver.mjs, which the webhook tests run as the receiver. */
export interface ReceivedWebhook {
  type: string;
  timestamp: string;
  data: { provider: string; orgId: string; userId: string; account: { id: string; name: string | null }; status: string };
}
export function webhookReceiver(secret: string, onEvent: (event: ReceivedWebhook, webhookId: string) => unknown): Server;
