import type { ProxySpec } from '../proxy-spec.js';
import { accountLimit } from './limits.js';

/** Every HubSpot API call of an installing account spends the same rolling 10 s budget (limits.ts). */
export const hubspotProxy: ProxySpec = {
  requiredHeaders: {},
  limits: (_path, connection, endpoints) => [accountLimit(connection.account.id, endpoints)],
};
