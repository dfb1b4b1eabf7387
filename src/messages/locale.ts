// Which catalogue an element speaks, and loading the ones that are not English. The language is
// the element's own `lang` or its nearest ancestor's (the elements render in light DOM, so
// closest() walks the same tree the platform inherits `lang` through; `<html lang>` is the last
// ancestor), else configure({ locale }), else English. Other locales are chunks beside the drop-in
// file, imported the first time an element needs one.
import { configuredValues } from '../config/config-sources.js';
import type { MessageKey } from './en.js';

/** Texts of one locale, by key; a key it lacks is taken from English. */
export type Catalogue = Partial<Record<MessageKey, string>>;

// Written out, not built from the tag, so that rollup makes each a chunk of its own.
const builtIn: Record<string, () => Promise<{ default: Catalogue }>> = {
  es: () => import('./locales/es.js'),
  fr: () => import('./locales/fr.js'),
  de: () => import('./locales/de.js'),
  it: () => import('./locales/it.js'),
  'pt-BR': () => import('./locales/pt-BR.js'),
  nl: () => import('./locales/nl.js'),
  pl: () => import('./locales/pl.js'),
  sv: () => import('./locales/sv.js'),
  ja: () => import('./locales/ja.js'),
  ko: () => import('./locales/ko.js'),
  'zh-Hans': () => import('./locales/zh-Hans.js'),
  ar: () => import('./locales/ar.js'),
};

/** The locales built in besides English. */
export const builtInLocales = Object.keys(builtIn);

/** Built-in catalogues loaded so far (an empty one where loading failed: English is shown). */
export const loaded: Record<string, Catalogue> = {};

/**
 * The catalogues to look a key up in, best first, ending with English: the locale named exactly
 * (a built-in one or one the site added with configure({ messages })), then those of the same
 * language (`fr-CA` → `fr`, `pt` → `pt-BR`, `zh-CN` → `zh-Hans`).
 */
export function localeChain(element?: Element): string[] {
  const { locale, messages } = configuredValues();
  const tag = ((element?.closest('[lang]') ?? document.documentElement).getAttribute('lang') || locale || 'en').toLowerCase();
  const known = [...Object.keys(messages ?? {}), ...builtInLocales];
  const language = (name: string): string => name.toLowerCase().split('-')[0];
  return [...known.filter((name) => name.toLowerCase() === tag), ...known.filter((name) => language(name) === language(tag)), 'en'];
}

/** Loads the built-in catalogues of `chain` not loaded yet; undefined when none is missing. */
export function loadLocales(chain: string[]): Promise<unknown> | undefined {
  const missing = chain.filter((name) => builtIn[name] && !loaded[name]);
  // import() of a module already loading returns the same promise: no request is made twice.
  if (missing.length)
    return Promise.all(
      missing.map((name) =>
        builtIn[name]().then(
          (module) => (loaded[name] = module.default),
          // Offline or blocked: English rather than an element that never renders.
          () => (loaded[name] = {}),
        ),
      ),
    );
}
