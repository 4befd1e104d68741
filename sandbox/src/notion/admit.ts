import type { Context } from 'koa';
import { authenticateBearer } from '../shared/auth.js';
import { FixedWindowLimiter } from '../shared/rate-limit.js';
import type { ProviderRuntime } from '../shared/runtime.js';
import type { NotionSettings } from './options.js';
import type { Grant } from '../shared/tokens.js';
import type { NotionWorkspace } from './data.js';
import { notionError, rateLimited, unauthorized } from './errors.js';
import { isNotionVersion, type VersionModel, versionModel } from './versions.js';

export interface Admitted {
  workspace: NotionWorkspace;
  grant: Grant;
  model: VersionModel;
}

/** Version header, bearer token, then the per-connection budget; answers the request itself on failure. */
export function notionAdmission(
  runtime: ProviderRuntime<NotionSettings>,
  workspaces: NotionWorkspace[],
): (ctx: Context) => Admitted | undefined {
  const limit = runtime.options.limits;
  const limiter = limit ? new FixedWindowLimiter(limit.perMinute, limit.windowMs) : undefined;
  return function admit(ctx) {
    runtime.stats.apiRequests++;
    const version = ctx.get('notion-version');
    if (!version)
      return void notionError(
        ctx,
        400,
        'missing_version',
        'Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.',
      );
    if (!isNotionVersion(version))
      return void notionError(ctx, 400, 'validation_error', `Notion-Version header failed validation: unsupported version "${version}".`);
    const auth = authenticateBearer(ctx, runtime.store);
    if (auth.status !== 'valid') return void unauthorized(ctx);
    const workspace = workspaces[auth.grant.account];
    if (!workspace) return void unauthorized(ctx);
    // A connection is one authorization (bot); its budget is shared by every token it ever had.
    const decision = limiter?.hit(auth.grant.id);
    if (decision && !decision.allowed) return void rateLimited(ctx, Math.max(1, Math.ceil(decision.retryAfterMs / 1000)));
    return { workspace, grant: auth.grant, model: versionModel(version) };
  };
}
