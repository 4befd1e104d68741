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
  /** The language actually used (a catalogue's key, `en` when nothing matched). */
  lang: string;
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
  const primary = requested.toLowerCase().split('-')[0] ?? '';
  const lang = primary in catalogues ? primary : 'en';
  const catalogue: Catalogue = catalogues[lang] ?? en;
  const own = (key: string): string | undefined =>
    (overrides as Record<string, string>)[key] ?? (catalogue as Record<string, string>)[key];
  const english = (key: string): string | undefined => (en as Record<string, string>)[key];
  const lookup = (key: string): string | undefined => own(key) ?? english(key);
  const locale = requested || lang;
  let dates: Intl.DateTimeFormat;
  try {
    dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  } catch {
    dates = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  }
  return {
    lang,
    t: (key, params = {}) => (lookup(key) ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? '')),
    // A localized generic message beats an English specific one; English is the last resort.
    errorMessage: (code) => {
      for (const key of [`E_${code}`, ALIASES[code] ?? '', 'E_']) if (own(key)) return own(key) as string;
      return english(`E_${code}`) ?? english(ALIASES[code] ?? '') ?? en.E_;
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
  return withLang?.lang || document.documentElement.lang || navigator.language || 'en';
}
