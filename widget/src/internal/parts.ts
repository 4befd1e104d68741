import { html } from 'lit';
import type { ConnectorController, ConnectorHost } from './controller.js';
import { toProviderId } from './types.js';

/** Logo marks: the provider's initial on a colour of its brand (white on it passes AA contrast). */
export const BRAND: Record<string, string> = { hubspot: '#b8420f', airtable: '#1d5fc1', notion: '#191919' };

export const button = (label: string, onClick: () => void, focusKey: string, primary = false, disabled = false) =>
  html`<button part="button" class=${primary ? 'primary' : ''} data-focus=${focusKey} ?disabled=${disabled} @click=${onClick}>
    ${label}
  </button>`;

/** The display name of the chosen provider, as the server names it. */
export const providerName = (host: ConnectorHost, flows: ConnectorController) =>
  flows.providers?.find((p) => toProviderId(p.id) === host.provider)?.displayName ?? host.provider;
