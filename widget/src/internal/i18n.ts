import { catalogues, type MessageKey, type Strings } from './locales.js';
import type { FailedAction, WidgetErrorCode } from './types.js';

export type { MessageKey, Strings };

/** Codes that share one message (`E_busy`: try later), so each catalogue needs fewer entries. */
const BUSY = /^(PROVIDER_RATE_LIMITED|RATE_LIMITED|STORE_UNAVAILABLE)$/;

export interface Translator {
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** What went wrong and what to do, for people: never the code (that is in `ic-error`). */
  failure(action: FailedAction, code: WidgetErrorCode): string;
  /** A readable, translated item type: `data_source` → "Data source". */
  typeName(type: string): string;
  date(iso: string): string;
  number(value: number): string;
}

/** The catalogues that are here, and the fetches under way, by language. */
const ready: Record<string, Strings> = {};
const fetching: Record<string, Promise<void> | undefined> = {};

/** `de-CH` → `de`; a language without a catalogue → `en`. */
export const languageOf = (requested: string): string => {
  const primary = requested.toLowerCase().split('-')[0]!;
  return primary in catalogues ? primary : 'en';
};

/** Fetches a language's catalogue once (English instead when it cannot be had); null when it is here. */
export function loadLanguage(requested: string): Promise<void> | null {
  const lang = languageOf(requested);
  return ready[lang]
    ? null
    : (fetching[lang] ??= catalogues[lang]!().then(
        (module) => void (ready[lang] = module.default),
        // An unreachable chunk (offline, a CDN without it): English, and a later element tries again.
        () => {
          fetching[lang] = undefined;
          return lang === 'en' ? undefined : (loadLanguage('en') ?? undefined);
        },
      ));
}

/** Date formats by language: building one takes a while, and every render formats dates. */
const dateFormats: Record<string, Intl.DateTimeFormat> = {};

/**
 * A translator for `requested` (`de-CH` speaks `de`) where each key comes from the host's `strings`
 * override, else the language's catalogue (English until it is loaded): every catalogue has every
 * key, so nothing shows blank. Cheap to build: one per render.
 */
export function translator(requested: string, overrides: Partial<Strings> = {}): Translator {
  const wanted = languageOf(requested);
  const lang = ready[wanted] ? wanted : 'en';
  const catalogue = (ready[lang] ?? {}) as Record<string, string>;
  const own = (key: string): string | undefined => (overrides as Record<string, string>)[key] ?? catalogue[key];
  // The catalogue's language, not the requested tag: always valid for Intl (a page's `lang` may not be).
  const dates = (dateFormats[lang] ??= new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }));
  const t = (key: string, params: Record<string, string | number> = {}) =>
    (own(key) ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
  return {
    t,
    failure: (action, code) => `${t(`F_${action}`)} ${own(`E_${code}`) ?? t(BUSY.test(code) ? 'E_busy' : 'E_')}`,
    typeName: (type) => own(`type_${type}`) ?? type.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()),
    date: (iso) => {
      const value = new Date(iso);
      return isNaN(+value) ? '' : dates.format(value);
    },
    number: (value) => value.toLocaleString(lang),
  };
}

/** The language in effect for an element: its own `lang`, the nearest ancestor's, the page's, the browser's. */
export function effectiveLang(element: HTMLElement): string {
  const withLang = element.closest<HTMLElement>('[lang]');
  return withLang?.lang || document.documentElement.lang || navigator.language;
}
