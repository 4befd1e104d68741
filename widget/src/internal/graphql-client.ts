import type { TypedDocumentString } from '../generated/graphql.js';
import type { WidgetErrorCode } from './types.js';

export interface ClientConfig {
  endpoint: string;
  /** A signed session token; when set, identity travels in it instead of in variables. */
  token?: string | undefined;
}

/** A failed operation, carrying the server's `extensions.code` (or NETWORK_ERROR). */
export class RequestError extends Error {
  constructor(
    readonly code: WidgetErrorCode,
    message: string = code,
    /** PROVIDER_RATE_LIMITED: when the provider's budget frees up, when the server knows. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: ReadonlyArray<{ message: string; extensions?: { code?: WidgetErrorCode; retryAfterSeconds?: number } }>;
}

/**
 * POSTs one typed document. `content-type: application/json` is required: Apollo's CSRF protection
 * rejects "simple" requests. An aborted request rejects with the AbortError untouched, so callers can
 * tell "cancelled" from "failed".
 */
export async function execute<R, V>(
  config: ClientConfig,
  document: TypedDocumentString<R, V>,
  variables: V,
  signal?: AbortSignal,
): Promise<R> {
  let body: GraphQLResponse<R>;
  try {
    const response = await fetch(config.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(config.token ? { authorization: `Bearer ${config.token}` } : {}) },
      body: JSON.stringify({ query: String(document), variables }),
      signal,
    });
    body = (await response.json()) as GraphQLResponse<R>;
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new RequestError('NETWORK_ERROR', String(error));
  }
  const first = body.errors?.[0];
  if (first || !body.data)
    throw new RequestError(first?.extensions?.code ?? 'INTERNAL_SERVER_ERROR', first?.message, first?.extensions?.retryAfterSeconds);
  return body.data;
}
