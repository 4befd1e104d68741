/**
 * Message catalogues: one chunk per language (`locales/<lang>.ts`, built to
 * `integration-connector.<lang>.js` beside the bundle), keyed by message id, fetched the first time
 * an element speaks that language; the element waits for it before rendering, so nobody sees a
 * half-translated screen. English (`locales/en.ts`) defines the keys, and every language must have
 * every key: `Strings` makes a missing one a type error, and `i18n.test.ts` checks keys and
 * placeholders (even where the word is the same, like "Filter").
 *
 * - `E_<CODE>`: what an error code means and what to do (`E_busy` serves every "try later" code,
 *   `E_` codes without a message of their own); `F_<action>` says which action failed. The widget
 *   shows `F_` then `E_`, never the code itself (that is in `ic-error`).
 * - `reads_<provider>`: the plain sentence on a provider's tile (`reads_` for providers the widget
 *   has no sentence for); `type_<type>`: a readable item type (others are shown humanized).
 * `{name}` marks a parameter.
 */
import type en from './locales/en.js';

export type MessageKey = keyof typeof en;
export type Strings = Record<MessageKey, string>;
export type Catalogue = Partial<Strings>;

export const catalogues: Record<string, () => Promise<{ default: Strings }>> = {
  en: () => import('./locales/en.js'),
  de: () => import('./locales/de.js'),
  fr: () => import('./locales/fr.js'),
  es: () => import('./locales/es.js'),
};
