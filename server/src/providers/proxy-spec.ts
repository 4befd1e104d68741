import type { LimitRule } from './calls.js';
import type { ConnectionFacts } from './item-source.js';
import type { ProviderEndpoints } from './settings.js';

/**
 * What the provider proxy (`/proxy/<id>/<path>`) needs to know about one provider, declared in the
 * provider's own folder (`providers/<id>/proxy.ts`). The proxy itself knows no provider: the
 * origin it forwards to is the configured `apiUrl`, and everything below comes from here.
 */
export interface ProxySpec {
  /**
   * Headers every API call of this provider needs (e.g. an API version), sent when the caller
   * did not set the same header itself (names compared case-insensitively).
   */
  requiredHeaders: Readonly<Record<string, string>>;
  /**
   * The limit rules one call to `path` (the part after `/proxy/<id>/`, still percent-encoded)
   * books before it is sent: the same keys the provider's data module books, so proxied calls and
   * loads of one connection spend one budget.
   */
  limits(path: string, connection: ConnectionFacts, endpoints: ProviderEndpoints): LimitRule[];
}
