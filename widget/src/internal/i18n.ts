import { catalogues, en, type Catalogue, type MessageKey, type Strings } from './locales.js';
import type { WidgetErrorCode } from './types.js';

export type { MessageKey, Strings };

/** Codes that share one message, so each catalogue needs fewer entries. */
const ALIASES: Partial<Record<WidgetErrorCode, string>> = {
  PROVIDER_RATE_LIMITED: 'E_busy',
  RATE_LIMITED: 'E_busy',
  STORE_UNAVAILABLE: 'E_busy',
  RECONNECT_REQUIRED: 'reconnect',
};

export interface Translator {
  t(key: MessageKey, params?: Record<string, string | number>): string;
  errorMessage(code: WidgetErrorCode): string;
  date(iso: string): string;
  number(value: number): string;
}

/**
 * Resolves `de-CH` to `de`, then builds a translator where each key comes from the host's `strings`
 * override, else the language's catalogue, else English: a partial translation never shows a blank.
 */
export function translator(requested: string, overrides: Partial<Strings> = {}): Translator {
  const primary = requested.toLowerCase().split('-')[0]!;
  const lang = primary in catalogues ? primary : 'en';
  const catalogue = catalogues[lang] as Record<string, string>;
  const own = (key: string): string | undefined => (overrides as Record<string, string>)[key] ?? catalogue[key];
  const english = (key: string): string | undefined => (en as Record<string, string>)[key];
  const options = { dateStyle: 'medium', timeStyle: 'short' } as const;
  let dates: Intl.DateTimeFormat;
  try {
    dates = new Intl.DateTimeFormat(requested || lang, options);
  } catch {
    dates = new Intl.DateTimeFormat(lang, options);
  }
  return {
    t: (key, params = {}) => (own(key) ?? english(key) ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? '')),
    // A localized generic message beats an English specific one; English is the last resort.
    errorMessage: (code) => {
      const keys = [`E_${code}`, ALIASES[code] ?? '', 'E_'];
      for (const key of keys) if (own(key)) return own(key)!;
      return keys.map(english).find(Boolean)!;
    },
    date: (iso) => {
      const value = new Date(iso);
      return Number.isNaN(value.getTime()) ? '' : dates.format(value);
    },
    number: (value) => value.toLocaleString(lang),
  };
}

/** The language in effect for an element: its own `lang`, the nearest ancestor's, the page's, the browser's. */
export function effectiveLang(element: HTMLElement): string {
  const withLang = element.closest<HTMLElement>('[lang]');
  return withLang?.lang || document.documentElement.lang || navigator.language;
}
