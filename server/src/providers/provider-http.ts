import type { z } from 'zod';

/**
 * A provider call failed. `status` is the HTTP status (0 when no response arrived); `message` is
 * safe to show (the provider's own message, trimmed), never a token or a request body.
 */
export class ProviderHttpError extends Error {
  override readonly name = 'ProviderHttpError';
  readonly #body: unknown;
  constructor(
    message: string,
    readonly status: number,
    readonly providerCode: string | undefined,
    options?: ErrorOptions & { retryAfterMs?: number; body?: unknown },
  ) {
    super(message, options);
    this.retryAfterMs = options?.retryAfterMs;
    this.#body = options?.body;
  }

  /** From the Retry-After header (seconds or HTTP date), when the provider sent one. */
  readonly retryAfterMs: number | undefined;

  /**
   * The parsed error body, for the provider module that knows its fields (e.g. which rate limit a
   * 429 names). A private field behind a getter, so loggers that copy an error's own enumerable
   * properties never copy it.
   */
  get body(): unknown {
    return this.#body;
  }
}

/** Retry-After as milliseconds: integer seconds (Notion, Airtable 503) or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The provider answered 2xx with a body that does not match the documented shape. */
export class ProviderResponseError extends Error {
  override readonly name = 'ProviderResponseError';
}

export interface ProviderRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | URLSearchParams;
  fetch?: typeof fetch;
  timeoutMs: number;
}

/** Pulls a human message and a code out of any of the three providers' error envelopes. */
export function describeProviderError(body: unknown): { message?: string; code?: string } {
  if (!body || typeof body !== 'object') return {};
  const b = body as Record<string, unknown>;
  const nested = typeof b.error === 'object' && b.error ? (b.error as Record<string, unknown>) : undefined;
  const pick = (...values: unknown[]) => values.find((v): v is string => typeof v === 'string' && v.length > 0);
  return {
    message: pick(b.error_description, b.message, nested?.message)?.slice(0, 300),
    code: pick(typeof b.error === 'string' ? b.error : undefined, b.code, nested?.type, b.category, b.status),
  };
}

/** One JSON call to a provider: timeout, status check, zod validation of the body. */
export async function providerJson<T extends z.ZodType>(schema: T, url: string, request: ProviderRequest): Promise<z.output<T>> {
  const doFetch = request.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(url, {
      method: request.method ?? 'GET',
      headers: { accept: 'application/json', ...request.headers },
      body: request.body,
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch (error) {
    throw new ProviderHttpError('The provider could not be reached', 0, undefined, { cause: error });
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const { message, code } = describeProviderError(body);
    throw new ProviderHttpError(message ?? `The provider answered HTTP ${response.status}`, response.status, code, {
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      body,
    });
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ProviderResponseError(`Unexpected response shape from ${new URL(url).pathname}`, { cause: parsed.error });
  }
  return parsed.data;
}
