import * as oauth from 'oauth4webapi';
import type { OAuthProvider, TokenSet } from '../providers/oauth-provider.js';
import { describeProviderError, ProviderHttpError, ProviderResponseError, providerJson } from '../providers/provider-http.js';
import type { ProviderEndpoints } from '../providers/settings.js';

/**
 * Token endpoint calls for every provider. Form-encoded providers (RFC 6749) go through
 * oauth4webapi, which gets encoding and response checks right (client authentication is ours,
 * see `clientAuth`); the `json-basic` style (a JSON body, not RFC 6749) is the one deviation and is
 * hand-written here.
 */
export interface TokenCallOptions {
  fetch: typeof fetch;
  timeoutMs: number;
}

/** The provider said the grant (code or refresh token) is no good: invalid_grant and friends. */
export class InvalidGrantError extends Error {
  override readonly name = 'InvalidGrantError';
}

function libraryOptions(url: string, options: TokenCallOptions) {
  return {
    [oauth.customFetch]: options.fetch,
    // Plain http only ever appears when an operator points a provider URL at a local simulator.
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- deprecated to stand out, which is the point: simulators only
    [oauth.allowInsecureRequests]: url.startsWith('http:'),
    signal: AbortSignal.timeout(options.timeoutMs),
  };
}

/**
 * HTTP Basic from the raw id and secret. RFC 6749 §2.3.1 form-encodes both first, and so does
 * oauth4webapi's ClientSecretBasic (`-` becomes `%2D`, `.` `%2E`, `_` `%5F`); providers that build
 * the header from the raw values (their example apps do) and do not decode answer `invalid_client`
 * to the encoded form (panva/oauth4webapi#148, #199). Fact sheet Q1.
 * The ids and secrets of the providers here hold no `:`, which is all the raw form needs.
 */
function basicHeader(clientId: string, secret: string): string {
  return `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;
}

const rawClientSecretBasic =
  (secret: string): oauth.ClientAuth =>
  (_as, client, _body, headers) => {
    headers.set('authorization', basicHeader(client.client_id, secret));
  };

/**
 * How the client authenticates: the provider's style, or, for an app without a secret (a public
 * client, allowed where the provider's settings say so), `client_id` in the body and no Basic
 * (one provider's docs: Basic "required if the integration has a secret, forbidden if not", Q2).
 */
function clientAuth(provider: OAuthProvider, endpoints: ProviderEndpoints): oauth.ClientAuth {
  const secret = endpoints.clientSecret;
  if (!secret) return oauth.None();
  return provider.tokenEndpointStyle === 'form-post' ? oauth.ClientSecretPost(secret) : rawClientSecretBasic(secret);
}

function serverAndClient(provider: OAuthProvider, endpoints: ProviderEndpoints) {
  const tokenUrl = provider.tokenUrl(endpoints);
  const as: oauth.AuthorizationServer = { issuer: new URL(tokenUrl).origin, token_endpoint: tokenUrl };
  const client: oauth.Client = { client_id: endpoints.clientId ?? '' };
  return { as, client, auth: clientAuth(provider, endpoints), tokenUrl };
}

function basicAuth(endpoints: ProviderEndpoints) {
  return basicHeader(endpoints.clientId ?? '', endpoints.clientSecret ?? '');
}

/** Maps the library's and our own failures onto the two outcomes callers act on. */
function translate(error: unknown): never {
  if (error instanceof oauth.ResponseBodyError) {
    const message = error.error_description ?? `The provider answered ${error.error}`;
    if (error.error === 'invalid_grant') throw new InvalidGrantError(message, { cause: error });
    throw new ProviderHttpError(message, error.status, error.error, { cause: error });
  }
  if (error instanceof ProviderHttpError && error.providerCode === 'invalid_grant') {
    throw new InvalidGrantError(error.message, { cause: error });
  }
  if (error instanceof oauth.OperationProcessingError) {
    const status = error.cause instanceof Response ? error.cause.status : 0;
    throw new ProviderHttpError(`The token endpoint answered unexpectedly (HTTP ${status})`, status, undefined, { cause: error });
  }
  throw error;
}

async function parseTokens<Raw>(provider: OAuthProvider<Raw>, body: unknown): Promise<TokenSet<Raw>> {
  const parsed = provider.tokenResponse.safeParse(body);
  if (!parsed.success) throw new ProviderResponseError('Unexpected token response shape', { cause: parsed.error });
  return provider.toTokenSet(parsed.data);
}

async function jsonTokenCall<Raw>(
  provider: OAuthProvider<Raw>,
  endpoints: ProviderEndpoints,
  body: Record<string, string>,
  options: TokenCallOptions,
) {
  const raw = await providerJson(provider.tokenResponse, provider.tokenUrl(endpoints), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: basicAuth(endpoints), ...provider.tokenHeaders },
    body: JSON.stringify(body),
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
  });
  return provider.toTokenSet(raw);
}

/**
 * Checks the provider's redirect back: `state` must be the attempt's, an `error` parameter
 * becomes an AuthorizationResponseError, a missing `code` an error. Returns what exchangeCode takes.
 */
export function validateCallback(
  provider: OAuthProvider,
  endpoints: ProviderEndpoints,
  params: URLSearchParams,
  expectedState: string,
): URLSearchParams {
  const { as, client } = serverAndClient(provider, endpoints);
  return oauth.validateAuthResponse(as, client, params, expectedState);
}

export async function exchangeCode<Raw>(
  provider: OAuthProvider<Raw>,
  endpoints: ProviderEndpoints,
  /** `callbackParameters` must come from `validateCallback`. */
  grant: { callbackParameters: URLSearchParams; redirectUri: string; codeVerifier?: string },
  options: TokenCallOptions,
): Promise<TokenSet<Raw>> {
  try {
    if (provider.tokenEndpointStyle === 'json-basic') {
      const code = grant.callbackParameters.get('code') ?? '';
      return await jsonTokenCall(provider, endpoints, { grant_type: 'authorization_code', code, redirect_uri: grant.redirectUri }, options);
    }
    const { as, client, auth, tokenUrl } = serverAndClient(provider, endpoints);
    // Providers without PKCE (their authorize pages do not document it) get no verifier.
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- nopkce is deprecated to stand out; those providers need it
    const verifier = grant.codeVerifier ?? oauth.nopkce;
    const response = await oauth.authorizationCodeGrantRequest(as, client, auth, grant.callbackParameters, grant.redirectUri, verifier, {
      ...libraryOptions(tokenUrl, options),
      headers: new Headers(provider.tokenHeaders),
    });
    return await parseTokens(provider, await oauth.processAuthorizationCodeResponse(as, client, response));
  } catch (error) {
    translate(error);
  }
}

export async function refreshTokens<Raw>(
  provider: OAuthProvider<Raw>,
  endpoints: ProviderEndpoints,
  refreshToken: string,
  options: TokenCallOptions,
): Promise<TokenSet<Raw>> {
  try {
    if (provider.tokenEndpointStyle === 'json-basic') {
      return await jsonTokenCall(provider, endpoints, { grant_type: 'refresh_token', refresh_token: refreshToken }, options);
    }
    const { as, client, auth, tokenUrl } = serverAndClient(provider, endpoints);
    const response = await oauth.refreshTokenGrantRequest(as, client, auth, refreshToken, {
      ...libraryOptions(tokenUrl, options),
      headers: new Headers(provider.tokenHeaders),
    });
    return await parseTokens(provider, await oauth.processRefreshTokenResponse(as, client, response));
  } catch (error) {
    translate(error);
  }
}

/** Best effort: providers answer 200 or 204; failures are reported, the caller decides. */
export async function revokeToken(
  provider: OAuthProvider,
  endpoints: ProviderEndpoints,
  token: string,
  options: TokenCallOptions,
): Promise<void> {
  const revocation = provider.revocation;
  if (!revocation) return;
  const url = revocation.url(endpoints);
  let response: Response;
  if (provider.tokenEndpointStyle === 'json-basic') {
    response = await options.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: basicAuth(endpoints), ...provider.tokenHeaders },
      body: JSON.stringify({ token }),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } else {
    const { as, client, auth } = serverAndClient(provider, endpoints);
    response = await oauth.revocationRequest({ ...as, revocation_endpoint: url }, client, auth, token, {
      ...libraryOptions(url, options),
      additionalParameters: { token_type_hint: revocation.token === 'refresh' ? 'refresh_token' : 'access_token' },
    });
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined);
    const { message, code } = describeProviderError(body);
    throw new ProviderHttpError(message ?? `Revocation answered HTTP ${response.status}`, response.status, code);
  }
}
