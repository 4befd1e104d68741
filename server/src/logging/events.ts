import type { Logger } from './logger.js';
import type { Identity } from '../auth/identity.js';

/**
 * The moments of a connection's life an operator follows in the log (issue 26), each one info line
 * with `event` set: a user connected (`via` the confirming page or a connect link), disconnected,
 * a token was refreshed or the provider refused it (reconnect required), a load ran to its end.
 * `who` is the identity's keyed pseudonym (logging/pseudonym.ts); no id, token or account name.
 */
export type ConnectionLogEvent =
  | { event: 'connection.connected'; provider: string; who: Identity; via: 'confirmation' | 'connect-link' }
  | { event: 'connection.disconnected'; provider: string; who: Identity }
  | { event: 'connection.refreshed'; provider: string; who: Identity }
  | { event: 'connection.reconnect_required'; provider: string; who: Identity; reason: string }
  | { event: 'load.completed'; provider: string; who: Identity; items: number; incomplete: boolean };

export function logEvent(log: Logger, fields: ConnectionLogEvent): void {
  log.info(fields, fields.event);
}
