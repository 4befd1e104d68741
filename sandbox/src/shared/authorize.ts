import type { Context, Middleware } from 'koa';
import { queryRecord, readForm } from './http.js';
import { consentPage, errorPage } from './pages.js';
import type { ProviderStats } from './stats.js';

export type AuthorizeCheck =
  | { kind: 'error-page'; message: string }
  | { kind: 'redirect-error'; error: string; description: string }
  | { kind: 'ok'; scopes: string[] };

export type DenyOutcome = { redirect: string } | { page: string };

/** What differs per provider; the consent mechanics (page, form POST, query shortcut) are shared. */
export interface AuthorizeSpec {
  providerLabel: string;
  appName: () => string;
  accounts: Array<{ index: number; label: string }>;
  autoApprove: boolean;
  stats: ProviderStats;
  check(params: Record<string, string>): AuthorizeCheck;
  allow(params: Record<string, string>, account: number, scopes: string[]): string;
  deny(params: Record<string, string>): DenyOutcome;
  errorRedirect(params: Record<string, string>, error: string, description: string): string;
  /** Account pre-selected by the URL, where the provider's authorize path can name one. */
  presetAccount?(ctx: Context): number | undefined;
}

const SANDBOX_PARAMS = ['sandbox_approve', 'sandbox_account'];

function split(all: Record<string, string>): { params: Record<string, string>; approve?: string; account?: string } {
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(all)) if (!SANDBOX_PARAMS.includes(k)) params[k] = v;
  return { params, approve: all.sandbox_approve, account: all.sandbox_account };
}

export function authorizeHandlers(spec: AuthorizeSpec): { get: Middleware; post: Middleware } {
  const showError = (ctx: Context, message: string) => {
    ctx.status = 400;
    ctx.type = 'html';
    ctx.body = errorPage(spec.providerLabel, message);
  };

  const decide = (ctx: Context, params: Record<string, string>, scopes: string[], decision: string, accountRaw: string | undefined) => {
    const account = accountRaw === undefined || accountRaw === '' ? (spec.presetAccount?.(ctx) ?? 0) : Number(accountRaw);
    if (!spec.accounts.some((a) => a.index === account)) return void showError(ctx, `Unknown sandbox account "${accountRaw}".`);
    if (decision === 'allow') return void ctx.redirect(spec.allow(params, account, scopes));
    if (decision !== 'deny') return void showError(ctx, 'sandbox_approve must be "allow" or "deny".');
    const outcome = spec.deny(params);
    if ('redirect' in outcome) return void ctx.redirect(outcome.redirect);
    ctx.status = 200;
    ctx.type = 'html';
    ctx.body = outcome.page;
  };

  const handle = (ctx: Context, all: Record<string, string>, fromForm: boolean) => {
    spec.stats.authorizeRequests++;
    const { params, approve, account } = split(all);
    const check = spec.check(params);
    if (check.kind === 'error-page') return void showError(ctx, check.message);
    if (check.kind === 'redirect-error') return void ctx.redirect(spec.errorRedirect(params, check.error, check.description));
    if (approve !== undefined) return void decide(ctx, params, check.scopes, approve, account);
    if (spec.autoApprove && !fromForm) return void decide(ctx, params, check.scopes, 'allow', account);
    ctx.type = 'html';
    ctx.body = consentPage({
      providerLabel: spec.providerLabel,
      appName: spec.appName(),
      action: ctx.path,
      scopes: check.scopes,
      accounts: spec.accounts,
      selectedAccount: spec.presetAccount?.(ctx) ?? 0,
      params,
    });
  };

  return {
    get: async function authorizePage(ctx) {
      handle(ctx, queryRecord(ctx), false);
    },
    post: async function authorizeDecision(ctx) {
      handle(ctx, await readForm(ctx), true);
    },
  };
}
