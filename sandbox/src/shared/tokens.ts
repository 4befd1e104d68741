import { randomBytes, randomUUID } from 'node:crypto';

/** Codes live 10 minutes, the one lifetime a provider documents (fact sheet 2.1); the others do not say. */
export const DEFAULT_CODE_TTL_SECONDS = 600;

export interface Grant {
  id: string;
  clientId: string;
  /** Index into the provider's seeded accounts. */
  account: number;
  scopes: string[];
  revoked: boolean;
  createdAt: number;
  /** The provider's id of the authorization (a bot id where it has one), stable across refreshes. */
  botId: string;
}

export interface AccessRecord {
  token: string;
  grantId: string;
  issuedAt: number;
  /** null = no documented lifetime. */
  expiresAt: number | null;
  invalidated: boolean;
}

export interface RefreshRecord {
  token: string;
  grantId: string;
  issuedAt: number;
  expiresAt: number | null;
  /** Set once the token has been exchanged for a new pair (rotation) or revoked. */
  rotatedAt: number | null;
  revoked: boolean;
}

export interface CodeRecord {
  code: string;
  clientId: string;
  /** The redirect_uri sent on the authorize request, if any. */
  redirectUri: string | undefined;
  account: number;
  scopes: string[];
  codeChallenge: string | undefined;
  codeChallengeMethod: string | undefined;
  expiresAt: number;
  used: boolean;
}

export type AccessLookup =
  | { status: 'valid'; access: AccessRecord; grant: Grant }
  | { status: 'expired'; access: AccessRecord; grant: Grant }
  | { status: 'invalid' };

export function opaqueToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

/** Grants, codes and tokens of one provider. Tokens are random (not seeded): they are secrets, not data. */
export class TokenStore {
  private readonly grants = new Map<string, Grant>();
  private readonly access = new Map<string, AccessRecord>();
  private readonly refresh = new Map<string, RefreshRecord>();
  private readonly codes = new Map<string, CodeRecord>();

  constructor(
    private readonly now: () => number = Date.now,
    /** How many seeded accounts the provider has (for the other_account fault). */
    private readonly accountCount = 1,
  ) {}

  issueCode(fields: Omit<CodeRecord, 'code' | 'expiresAt' | 'used'>, ttlSeconds: number): string {
    const code = opaqueToken(18);
    this.codes.set(code, { ...fields, code, expiresAt: this.now() + ttlSeconds * 1000, used: false });
    return code;
  }

  /** Single use even when the exchange then fails: the first presentation burns the code. */
  consumeCode(code: string): { record: CodeRecord; problem?: 'used' | 'expired' } | undefined {
    const record = this.codes.get(code);
    if (!record) return undefined;
    if (record.used) return { record, problem: 'used' };
    record.used = true;
    if (this.now() > record.expiresAt) return { record, problem: 'expired' };
    return { record };
  }

  createGrant(clientId: string, account: number, scopes: string[], botId: string): Grant {
    const grant: Grant = { id: opaqueToken(9), clientId, account, scopes, revoked: false, createdAt: this.now(), botId };
    this.grants.set(grant.id, grant);
    return grant;
  }

  grant(id: string): Grant | undefined {
    return this.grants.get(id);
  }

  issueAccess(grantId: string, token: string, lifetimeSeconds: number | null): AccessRecord {
    const now = this.now();
    const record: AccessRecord = {
      token,
      grantId,
      issuedAt: now,
      expiresAt: lifetimeSeconds === null ? null : now + lifetimeSeconds * 1000,
      invalidated: false,
    };
    this.access.set(token, record);
    return record;
  }

  issueRefresh(grantId: string, token: string, lifetimeSeconds: number | null): RefreshRecord {
    const now = this.now();
    const record: RefreshRecord = {
      token,
      grantId,
      issuedAt: now,
      expiresAt: lifetimeSeconds === null ? null : now + lifetimeSeconds * 1000,
      rotatedAt: null,
      revoked: false,
    };
    this.refresh.set(token, record);
    return record;
  }

  lookupAccess(token: string | undefined): AccessLookup {
    const access = token ? this.access.get(token) : undefined;
    const grant = access ? this.grants.get(access.grantId) : undefined;
    if (!access || !grant || grant.revoked || access.invalidated) return { status: 'invalid' };
    if (access.expiresAt !== null && this.now() >= access.expiresAt) return { status: 'expired', access, grant };
    return { status: 'valid', access, grant };
  }

  lookupRefresh(token: string | undefined): { refresh: RefreshRecord; grant: Grant } | undefined {
    const refresh = token ? this.refresh.get(token) : undefined;
    const grant = refresh ? this.grants.get(refresh.grantId) : undefined;
    return refresh && grant ? { refresh, grant } : undefined;
  }

  isRefreshUsable(refresh: RefreshRecord, grant: Grant): boolean {
    if (grant.revoked || refresh.revoked || refresh.rotatedAt !== null) return false;
    return refresh.expiresAt === null || this.now() < refresh.expiresAt;
  }

  markRotated(refresh: RefreshRecord): void {
    refresh.rotatedAt = this.now();
  }

  /** Access tokens of a grant, e.g. to invalidate the previous pair on rotation. */
  invalidateAccessOf(grantId: string, except?: string): void {
    for (const record of this.access.values()) if (record.grantId === grantId && record.token !== except) record.invalidated = true;
  }

  expireAccess(token: string): void {
    const record = this.access.get(token);
    if (record) record.expiresAt = Math.min(record.expiresAt ?? Infinity, this.now() - 1);
  }

  expireAllAccess(): void {
    for (const record of this.access.values()) this.expireAccess(record.token);
  }

  revokeGrant(grantId: string): void {
    const grant = this.grants.get(grantId);
    if (grant) grant.revoked = true;
  }

  revokeAllGrants(): void {
    for (const grant of this.grants.values()) grant.revoked = true;
  }

  revokeRefresh(token: string): boolean {
    const record = this.refresh.get(token);
    if (!record) return false;
    record.revoked = true;
    return true;
  }

  /** The other_account fault: the refresh token now belongs to a new grant on the next seeded account. */
  moveRefreshToNextAccount(token: string): void {
    const record = this.refresh.get(token);
    const grant = record ? this.grants.get(record.grantId) : undefined;
    if (!record || !grant) return;
    const moved = this.createGrant(grant.clientId, (grant.account + 1) % Math.max(1, this.accountCount), grant.scopes, randomUUID());
    record.grantId = moved.id;
  }

  /** The token registry is per provider, so the grant id alone identifies a connection. */
  grantOfToken(token: string): Grant | undefined {
    const id = this.access.get(token)?.grantId ?? this.refresh.get(token)?.grantId;
    return id ? this.grants.get(id) : undefined;
  }
}
