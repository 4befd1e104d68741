import { escapeHtml } from './http.js';

/** Every page says loudly that it is a simulator, so nobody mistakes it for the real consent screen. */
function layout(providerLabel: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="integration-connector sandbox">
<title>${escapeHtml(title)} · Sandbox ${escapeHtml(providerLabel)}</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f5f5f7; color: #1d1d1f; }
  .banner { background: #b00020; color: #fff; padding: .5rem 1rem; font-weight: 600; }
  main { max-width: 32rem; margin: 2rem auto; background: #fff; padding: 1.5rem 2rem; border-radius: 8px; }
  fieldset { border: 1px solid #ccc; border-radius: 6px; margin: 1rem 0; }
  .actions { display: flex; gap: 1rem; margin-top: 1.5rem; }
  button { font: inherit; padding: .5rem 1.5rem; border-radius: 6px; border: 1px solid #888; cursor: pointer; }
  button[value=allow] { background: #1a73e8; color: #fff; border-color: #1a73e8; }
  code { background: #eee; padding: 0 .25rem; border-radius: 3px; }
</style>
</head>
<body>
<div class="banner" role="banner">Sandbox — simulated ${escapeHtml(providerLabel)}. Not the real service; no real data.</div>
<main>
${body}
</main>
</body>
</html>`;
}

export interface ConsentPageInput {
  providerLabel: string;
  appName: string;
  action: string;
  scopes: string[];
  accounts: Array<{ index: number; label: string }>;
  selectedAccount: number;
  /** Original authorize parameters, echoed back as hidden fields so the POST can re-validate them. */
  params: Record<string, string>;
}

export function consentPage(input: ConsentPageInput): string {
  const hidden = Object.entries(input.params)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('\n');
  const scopes = input.scopes.length
    ? `<ul>${input.scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join('')}</ul>`
    : '<p>The pages and databases you choose to share.</p>';
  const accounts = input.accounts
    .map(
      (a) =>
        `<label><input type="radio" name="sandbox_account" value="${a.index}"${a.index === input.selectedAccount ? ' checked' : ''}> ${escapeHtml(a.label)}</label><br>`,
    )
    .join('\n');
  return layout(
    input.providerLabel,
    `Connect ${input.appName}`,
    `<h1><strong>${escapeHtml(input.appName)}</strong> wants to access your ${escapeHtml(input.providerLabel)} account</h1>
<p>It asks for:</p>
${scopes}
<form method="post" action="${escapeHtml(input.action)}">
${hidden}
<fieldset><legend>Account</legend>
${accounts}
</fieldset>
<div class="actions">
<button type="submit" name="sandbox_approve" value="allow" id="sandbox-allow">Allow</button>
<button type="submit" name="sandbox_approve" value="deny" id="sandbox-deny">Deny</button>
</div>
</form>`,
  );
}

export function errorPage(providerLabel: string, message: string): string {
  return layout(providerLabel, 'Authorization error', `<h1>Authorization error</h1><p role="alert">${escapeHtml(message)}</p>`);
}

export function messagePage(providerLabel: string, title: string, message: string): string {
  return layout(providerLabel, title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}
