import type { ProviderId } from '../providers/registry.js';

/**
 * What the host's backend is told about connections (docs/webhooks.md). The store writes each event
 * to its outbox in the same step that changes the connection; a relay hands it to a sink (the
 * durable webhook queue), so a crash between the two loses nothing and may only repeat an event.
 */
export type ConnectionEventType = 'connection.created' | 'connection.deleted' | 'connection.reconnect_required';

export interface ConnectionEvent {
  /** Stable per event: the Standard Webhooks `webhook-id`, the same on every retry and redelivery. */
  id: string;
  type: ConnectionEventType;
  /** ISO 8601, when the connection changed (not when the event was delivered). */
  timestamp: string;
  data: {
    provider: ProviderId;
    orgId: string;
    userId: string;
    account: { id: string; name: string | null };
    status: 'CONNECTED' | 'RECONNECT_REQUIRED' | 'DISCONNECTED';
  };
}

/** Where the outbox relay hands events. Idempotent by `event.id`: after a crash the relay may hand one twice. */
export interface ConnectionEventSink {
  enqueue(event: ConnectionEvent): Promise<void>;
}
