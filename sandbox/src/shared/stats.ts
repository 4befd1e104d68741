export interface ProviderStats {
  /** Token-endpoint calls by grant_type, counted before any validation. */
  tokenCalls: { authorization_code: number; refresh_token: number; other: number };
  successfulRefreshes: number;
  authorizeRequests: number;
  apiRequests: number;
  /** Every 429 sent, whether from a rate limit or an injected fault. */
  rateLimited: number;
  faultsInjected: number;
}

export function emptyProviderStats(): ProviderStats {
  return {
    tokenCalls: { authorization_code: 0, refresh_token: 0, other: 0 },
    successfulRefreshes: 0,
    authorizeRequests: 0,
    apiRequests: 0,
    rateLimited: 0,
    faultsInjected: 0,
  };
}

export function countTokenCall(stats: ProviderStats, grantType: string | undefined): void {
  if (grantType === 'authorization_code' || grantType === 'refresh_token') stats.tokenCalls[grantType]++;
  else stats.tokenCalls.other++;
}
