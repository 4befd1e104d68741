// A scripted GraphQL endpoint for the widget's browser tests, mounted in the WTR dev server.
// It executes the real SDL (schema/*.graphql) with resolvers driven by a per-test JSON script, so every
// response is schema-valid and no test hand-writes response JSON. It also serves the consent "popup"
// page, which plays the server's OAuth callback: it settles the attempt, then posts the protocol message.
import { readdirSync, readFileSync } from 'node:fs';
import { buildSchema, graphql, GraphQLError } from 'graphql';

const schemaDir = new URL('../../../schema/', import.meta.url);
const schema = buildSchema(
  readdirSync(schemaDir)
    .filter((file) => file.endsWith('.graphql'))
    .map((file) => readFileSync(new URL(file, schemaDir), 'utf8'))
    .join('\n'),
);

/** @type {Map<string, Session>} */
const sessions = new Map();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const DEFAULT_PROVIDERS = [
  { id: 'HUBSPOT', displayName: 'HubSpot', configured: true, sandbox: true },
  { id: 'AIRTABLE', displayName: 'Airtable', configured: true, sandbox: false },
  { id: 'NOTION', displayName: 'Notion', configured: false, sandbox: false },
];

/** n items: every tenth is a folder holding the next nine. */
function generateItems(n) {
  return Array.from({ length: n }, (_, i) => {
    const folder = i % 10 === 0;
    return {
      id: `item-${i}`,
      type: folder ? 'folder' : 'contact',
      directory: folder,
      parentPathOrName: folder ? null : `Folder ${i - (i % 10)}`,
      parentId: folder ? null : `item-${i - (i % 10)}`,
      name: folder ? `Folder ${i}` : `Contact ${i}`,
      creationTime: '2026-01-02T03:04:05.000Z',
      lastModifiedTime: '2026-02-03T04:05:06.000Z',
      url: `https://example.test/items/${i}`,
      children: null,
    };
  });
}

function newSession(script) {
  return {
    script,
    calls: [],
    credentials: script.credentials ?? null,
    attempts: new Map(),
    items: Array.isArray(script.items) ? script.items : generateItems(script.items ?? 25),
  };
}

function rootValue(session, origin, authorization) {
  const { script } = session;
  const guard = async (field, args) => {
    session.calls.push({ field, args: JSON.parse(JSON.stringify(args)), authorization: authorization ?? null });
    // `confirmedElsewhereMs`: another page (the popup, continued without its opener) confirms the attempt this long after the consent.
    const elsewhere = session.confirmedElsewhere;
    if (elsewhere && Date.now() >= elsewhere.at) {
      session.confirmedElsewhere = undefined;
      elsewhere.attempt.status = 'CONNECTED';
      session.credentials = 'CONNECTED';
    }
    if (script.delayMs?.[field]) await sleep(script.delayMs[field]);
    if (script.token && authorization !== `Bearer ${script.token}`) throw coded('UNAUTHENTICATED');
    if (script.token && args.identity) throw coded('BAD_USER_INPUT');
    const code = script.errors?.[field];
    if (code) throw coded(code);
    const once = script.errorsOnce?.[field];
    if (once && !session.failedOnce?.[field]) {
      session.failedOnce = { ...session.failedOnce, [field]: true };
      throw coded(once);
    }
  };
  const credentials = (provider) => ({
    provider,
    status: session.credentials,
    account: script.account ?? { id: 'acct-1', name: 'Acme Portal' },
    scopes: ['crm.objects.contacts.read'],
    connectedAt: '2026-01-01T00:00:00.000Z',
    expiresAt: null,
  });
  return {
    providers: async (args) => (await guard('providers', args), script.providers ?? DEFAULT_PROVIDERS),
    credentials: async (args) => (await guard('credentials', args), session.credentials ? credentials(args.provider) : null),
    // `connections: [[provider, status], ...]` in the script; by default every configured provider has the session's status.
    connections: async (args) => {
      await guard('connections', args);
      if (script.token && (args.orgId || args.userId)) throw coded('FORBIDDEN');
      const listed =
        script.connections ??
        (session.credentials
          ? (script.providers ?? DEFAULT_PROVIDERS).filter((p) => p.configured).map((p) => [p.id, session.credentials])
          : []);
      const edges = listed.map(([provider, status]) => ({
        cursor: `c-${provider}`,
        node: { ...credentials(provider), status, orgId: args.orgId ?? 'o', userId: args.userId ?? 'u' },
      }));
      return { edges, pageInfo: { hasNextPage: false, endCursor: edges.at(-1)?.cursor ?? null } };
    },
    connectAttempt: async (args) => (await guard('connectAttempt', args), session.attempts.get(args.id) ?? null),
    // Like the server: the approved grant becomes the connection once, for the right confirmation only.
    confirmConnect: async (args) => {
      await guard('confirmConnect', args);
      const attempt = session.attempts.get(args.attemptId);
      if (!attempt || attempt.status !== 'AWAITING_CONFIRMATION') throw coded('BAD_USER_INPUT');
      if (args.confirmation !== attempt.confirmation) {
        Object.assign(attempt, { status: 'FAILED', errorCode: 'FORBIDDEN' });
        throw coded('FORBIDDEN');
      }
      attempt.status = 'CONNECTED';
      session.credentials = 'CONNECTED';
      return credentials(attempt.provider);
    },
    connect: async (args) => {
      await guard('connect', args);
      const id = `attempt-${session.attempts.size + 1}`;
      const ttl = script.attemptTtlMs ?? 600_000;
      session.attempts.set(id, {
        id,
        provider: args.provider,
        status: 'PENDING',
        errorCode: null,
        expiresAt: new Date(Date.now() + ttl).toISOString(),
        confirmation: `confirmation-${id}`,
      });
      const url = new URL('/ic-test/consent', origin);
      url.search = new URLSearchParams({
        sid: script.sid,
        attempt: id,
        state: `state-${id}`,
        provider: args.provider.toLowerCase(),
      }).toString();
      return { authorizationUrl: url.href, attemptId: id, expiresAt: session.attempts.get(id).expiresAt };
    },
    disconnect: async (args) => {
      await guard('disconnect', args);
      const existed = !!session.credentials;
      session.credentials = null;
      return existed;
    },
    load: async (args) => {
      await guard('load', args);
      if (!session.credentials) throw coded('NOT_CONNECTED');
      const first = Math.min(args.first ?? 100, script.pageSize ?? 200);
      const start = args.after ? Number(args.after) : 0;
      if (script.pageDelayMs) await sleep(script.pageDelayMs);
      // The provider's budget runs out once, after `afterItems` items: answered as the server does.
      const limit = script.rateLimit;
      if (limit && start >= limit.afterItems && !session.rateLimited) {
        session.rateLimited = true;
        throw coded('PROVIDER_RATE_LIMITED', { provider: args.provider, retryAfterSeconds: limit.retryAfterSeconds });
      }
      // Run number `failRun` (a reload, say) fails on its first page.
      if (!args.after) session.runs = (session.runs ?? 0) + 1;
      if (script.failRun === session.runs && !args.after) throw coded(script.failLoadCode ?? 'PROVIDER_ERROR');
      const page = session.items.slice(start, start + first);
      const end = start + page.length;
      return {
        edges: page.map((node, i) => ({ cursor: String(start + i + 1), node })),
        pageInfo: { hasNextPage: end < session.items.length, endCursor: page.length ? String(end) : null },
        incomplete: Boolean(script.incomplete) || (script.incompleteFrom ?? Infinity) <= end,
        totalCount: script.reportTotal ? session.items.length : null,
      };
    },
  };
}

function coded(code, extensions = {}) {
  return new GraphQLError(`scripted ${code}`, { extensions: { code, ...extensions } });
}

/**
 * What the consent page does, by the script's `popup` entry. `approve` plays the real callback page:
 * it posts AWAITING_CONFIRMATION with the confirmation and waits for the widget to close it.
 * `silent-approve`: the popup lost its opener, continued on the host page and was confirmed there.
 * `continue`: the same, but the other page confirms only `confirmedElsewhereMs` later.
 */
const CONSENT = {
  approve: { status: 'AWAITING_CONFIRMATION', post: true, close: false },
  continue: { status: 'AWAITING_CONFIRMATION', post: false, close: true },
  deny: { status: 'DENIED', post: true, close: false },
  fail: { status: 'FAILED', errorCode: 'PROVIDER_ERROR', post: true, close: false },
  close: { status: 'PENDING', post: false, close: true },
  'silent-approve': { status: 'CONNECTED', post: false, close: true },
  'wrong-state': { status: 'CONNECTED', post: true, close: false, state: 'forged' },
  stay: { status: 'PENDING', post: false, close: false },
};

function consentPage(session, query, origin) {
  const plan = CONSENT[session.script.popup ?? 'approve'];
  const attempt = session.attempts.get(query.get('attempt'));
  if (attempt && session.script.confirmedElsewhereMs !== undefined && plan.status === 'PENDING')
    session.confirmedElsewhere = { attempt, at: Date.now() + session.script.confirmedElsewhereMs };
  if (attempt && plan.status !== 'PENDING' && !plan.state) {
    attempt.status = plan.status;
    attempt.errorCode = plan.errorCode ?? null;
    if (plan.status === 'CONNECTED') session.credentials = 'CONNECTED';
    if (session.script.confirmedElsewhereMs !== undefined)
      session.confirmedElsewhere = { attempt, at: Date.now() + session.script.confirmedElsewhereMs };
  }
  const message = {
    type: 'integration-connector:oauth',
    provider: query.get('provider'),
    status: plan.status,
    state: plan.state ?? query.get('state'),
    ...(plan.errorCode ? { errorCode: plan.errorCode } : {}),
    ...(plan.status === 'AWAITING_CONFIRMATION'
      ? { attemptId: attempt?.id, confirmation: session.script.confirmation ?? attempt?.confirmation }
      : {}),
  };
  const delay = session.script.consentDelayMs ?? 0;
  return `<!doctype html><html lang="en"><title>Consent</title><p>Scripted consent: ${plan.status}</p><script>
    setTimeout(() => {
      ${plan.post ? `window.opener && window.opener.postMessage(${JSON.stringify(message)}, ${JSON.stringify(origin)});` : ''}
      ${plan.close ? 'window.close();' : ''}
    }, ${delay});
  </script></html>`;
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** WTR (Koa) middleware: `/graphql?sid=`, `/ic-test/scenario`, `/ic-test/calls?sid=`, `/ic-test/consent`. */
export function scriptedGraphql() {
  return async function scriptedGraphqlMiddleware(ctx, next) {
    const sid = ctx.query.sid;
    if (ctx.path === '/ic-test/scenario' && ctx.method === 'POST') {
      const { sid: id, script } = JSON.parse(await readBody(ctx.req));
      sessions.set(id, newSession({ ...script, sid: id }));
      ctx.body = { ok: true };
      return;
    }
    const session = typeof sid === 'string' ? sessions.get(sid) : undefined;
    if (ctx.path === '/ic-test/calls') {
      ctx.body = session?.calls ?? [];
      return;
    }
    if (ctx.path === '/ic-test/consent') {
      ctx.type = 'html';
      ctx.body = session ? consentPage(session, new URLSearchParams(ctx.querystring), ctx.origin) : 'unknown session';
      return;
    }
    if (ctx.path !== '/graphql') return next();
    if (!session) {
      ctx.status = 404;
      return;
    }
    // Like Apollo's CSRF prevention: anything but a JSON POST is refused.
    if (ctx.method !== 'POST' || !String(ctx.get('content-type')).startsWith('application/json')) {
      ctx.status = 400;
      ctx.body = { errors: [{ message: 'JSON POST required', extensions: { code: 'BAD_REQUEST' } }] };
      return;
    }
    const { query, variables } = JSON.parse(await readBody(ctx.req));
    const result = await graphql({
      schema,
      source: query,
      variableValues: variables,
      rootValue: rootValue(session, ctx.origin, ctx.get('authorization') || undefined),
    });
    ctx.type = 'json';
    ctx.body = JSON.stringify({ data: result.data ?? null, ...(result.errors ? { errors: result.errors.map((e) => e.toJSON()) } : {}) });
  };
}
