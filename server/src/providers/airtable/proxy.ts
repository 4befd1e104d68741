import type { LimitRule } from '../calls.js';
import type { ProxySpec } from '../proxy-spec.js';
import { baseLimit, userLimit, userMetaLimit } from './limits.js';

/** Base ids as Airtable issues them (`app` + 14 characters); anything else names no base. */
const BASE_ID = /^app[A-Za-z0-9]{14}$/;

/**
 * Which base a Web API path acts on: `/v0/{baseId}/...` (records) or `/v0/meta/bases/{baseId}/...`
 * (schema). Other meta calls (`/v0/meta/bases`, `/v0/meta/whoami`) count against the user.
 */
function baseOf(path: string): string | null {
  const [version, first, second, third] = path.split('/');
  if (version !== 'v0') return null;
  const candidate = first === 'meta' ? (second === 'bases' ? third : undefined) : first;
  return candidate && BASE_ID.test(candidate) ? candidate : null;
}

export const airtableProxy: ProxySpec = {
  requiredHeaders: {},
  limits(path, connection, endpoints): LimitRule[] {
    const user = connection.account.id;
    const base = baseOf(path);
    return [base ? baseLimit(base, endpoints) : userMetaLimit(user, endpoints), userLimit(user, endpoints)];
  },
};
