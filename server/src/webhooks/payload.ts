import type { ConnectionEvent } from '../store/index.js';

/**
 * The JSON body of a delivery: exactly these fields, picked one by one, so nothing else a
 * ConnectionEvent might one day carry (and never a token) reaches the host. `data.provider` is the
 * provider's lowercase id, as in session-token claims and the callback URLs.
 */
export interface WebhookBody {
  type: ConnectionEvent['type'];
  timestamp: string;
  data: {
    provider: string;
    orgId: string;
    userId: string;
    account: { id: string; name: string | null };
    status: ConnectionEvent['data']['status'];
  };
}

export function webhookBody(event: ConnectionEvent): WebhookBody {
  const { data } = event;
  return {
    type: event.type,
    timestamp: event.timestamp,
    data: {
      provider: data.provider,
      orgId: data.orgId,
      userId: data.userId,
      account: { id: data.account.id, name: data.account.name },
      status: data.status,
    },
  };
}
