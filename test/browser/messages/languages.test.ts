// Languages: the elements in each built-in locale (no English left where the locale has its own
// text), following a change of `lang` live, configure()'s overrides and added locales, the order
// of precedence and the fallbacks between tags, plurals and numbers, and right-to-left Arabic.
import { expect, fixture } from '@open-wc/testing';
import type { LitElement } from 'lit';
import { configure } from '../../../src/config/index.js';
import '../../../src/elements/auth-register.js';
import '../../../src/elements/auth-signin.js';
import '../../../src/elements/auth-verify.js';
import { en } from '../../../src/messages/en.js';
import { builtInLocales, loaded, localeChain, loadLocales } from '../../../src/messages/locale.js';
import { inLocale, inSentence, message } from '../../../src/messages/message.js';
import { fillAndSubmit, parts } from '../helpers/form.js';
import { poolConfig } from '../helpers/pool.js';

function attributes(): string {
  const { region, userPoolId, userPoolClientId, endpoint } = poolConfig();
  return `region="${region}" user-pool-id="${userPoolId}" user-pool-client-id="${userPoolClientId}" endpoint="${endpoint}"`;
}

/** The three forms most pages show, inside a block whose `lang` is `lang`. */
async function formsIn(lang: string, dir = 'ltr'): Promise<HTMLElement> {
  const block = await fixture<HTMLElement>(
    `<div lang="${lang}" dir="${dir}"><auth-signin ${attributes()}></auth-signin><auth-register ${attributes()}></auth-register><auth-verify ${attributes()}></auth-verify></div>`,
  );
  await settle(block);
  return block;
}

async function settle(block: Element): Promise<void> {
  for (const el of block.querySelectorAll<LitElement>('auth-signin, auth-register, auth-verify')) await el.updateComplete;
}

/** Every text a visitor meets: text nodes, and the labels and values of attributes read aloud. */
function shownTexts(root: Element): string[] {
  const texts: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent!.trim();
    if (text) texts.push(text);
  }
  for (const el of root.querySelectorAll('[aria-label], [placeholder], [title]')) {
    for (const name of ['aria-label', 'placeholder', 'title']) {
      const value = el.getAttribute(name);
      if (value) texts.push(value);
    }
  }
  return texts;
}

/** English texts (without placeholders) that `locale` words otherwise. */
function englishOnlyTexts(locale: string): Map<string, string> {
  const catalogue = loaded[locale];
  const texts = new Map<string, string>();
  for (const [key, text] of Object.entries(en)) {
    const own = catalogue[key as keyof typeof en];
    if (own && own !== text && !text.includes('{')) texts.set(text.trim(), key);
  }
  return texts;
}

describe('languages', () => {
  afterEach(() => configure({ locale: null, messages: null }));

  for (const locale of ['es', 'fr', 'de', 'it', 'pt-BR', 'nl', 'pl', 'sv', 'ja', 'ko', 'zh-Hans', 'ar']) {
    it(`shows <auth-signin>, <auth-register> and <auth-verify> in ${locale} with no English left`, async () => {
      const block = await formsIn(locale, locale === 'ar' ? 'rtl' : 'ltr');
      expect(loaded[locale], `${locale} was not loaded`).to.be.an('object');
      const english = englishOnlyTexts(locale);
      const left = shownTexts(block).filter((text) => english.has(text));
      expect(left, `English in ${locale}: ${left.map((text) => english.get(text)).join(', ')}`).to.deep.equal([]);
      // The submit buttons carry the locale's words.
      expect(parts(block.querySelector('auth-signin')!).submit.textContent.trim()).to.equal(loaded[locale]['signin.submit']);
      expect(parts(block.querySelector('auth-register')!).submit.textContent.trim()).to.equal(loaded[locale]['register.submit']);
    });
  }

  it('words browser-side errors in the element language, and again after a change of lang', async () => {
    const block = await formsIn('de');
    const signin = block.querySelector('auth-signin')!;
    fillAndSubmit(signin, { username: '', password: '' });
    await settle(block);
    expect(parts(signin).fieldError('username')!.textContent).to.equal(loaded.de['check.email.empty']);
    await expect(block).to.be.accessible();
  });

  it('follows a change of lang at run time, on the element, an ancestor or <html>', async () => {
    const block = await formsIn('en');
    const signin = block.querySelector<LitElement>('auth-signin')!;
    expect(parts(signin).submit.textContent.trim()).to.equal(en['signin.submit']);
    block.setAttribute('lang', 'fr');
    await new Promise((resolve) => setTimeout(resolve));
    await settle(block);
    expect(parts(signin).submit.textContent.trim()).to.equal(loaded.fr['signin.submit']);
    // The element's own lang wins over its ancestor's.
    signin.setAttribute('lang', 'es');
    await new Promise((resolve) => setTimeout(resolve));
    await signin.updateComplete;
    expect(parts(signin).submit.textContent.trim()).to.equal(loaded.es['signin.submit']);
    // Without any lang, <html lang> decides.
    const html = document.documentElement;
    const before = html.getAttribute('lang');
    try {
      signin.removeAttribute('lang');
      block.removeAttribute('lang');
      html.setAttribute('lang', 'it');
      await new Promise((resolve) => setTimeout(resolve));
      await signin.updateComplete;
      expect(parts(signin).submit.textContent.trim()).to.equal(loaded.it['signin.submit']);
    } finally {
      if (before === null) html.removeAttribute('lang');
      else html.setAttribute('lang', before);
    }
  });

  it('takes configure({ locale }) when no element has a lang, and English last', async () => {
    const html = document.documentElement;
    const before = html.getAttribute('lang');
    html.removeAttribute('lang');
    try {
      const el = await fixture<LitElement>(`<auth-signin ${attributes()}></auth-signin>`);
      expect(parts(el).submit.textContent.trim()).to.equal(en['signin.submit']);
      configure({ locale: 'nl' });
      await el.updateComplete;
      await new Promise((resolve) => setTimeout(resolve));
      await el.updateComplete;
      expect(parts(el).submit.textContent.trim()).to.equal(loaded.nl['signin.submit']);
    } finally {
      if (before !== null) html.setAttribute('lang', before);
    }
  });

  it('lets configure({ messages }) override any key of any locale and add a locale of its own', async () => {
    configure({ messages: { fr: { 'signin.submit': 'Connexion' } } });
    configure({ messages: { fr: { 'signin.busy': 'Un instant…' }, eo: { 'signin.submit': 'Ensaluti' } } });
    const block = await formsIn('fr');
    expect(parts(block.querySelector('auth-signin')!).submit.textContent.trim()).to.equal('Connexion');
    // The rest of French stays; calls add up by locale and key.
    expect(parts(block.querySelector('auth-register')!).submit.textContent.trim()).to.equal(loaded.fr['register.submit']);
    expect(inLocale(localeChain(block), () => message('signin.busy'))).to.equal('Un instant…');
    // A site's own locale: its keys, and English for the keys it does not give.
    block.setAttribute('lang', 'eo');
    await new Promise((resolve) => setTimeout(resolve));
    await settle(block);
    expect(parts(block.querySelector('auth-signin')!).submit.textContent.trim()).to.equal('Ensaluti');
    expect(parts(block.querySelector('auth-register')!).submit.textContent.trim()).to.equal(en['register.submit']);
  });

  it('falls back between tags: fr-CA to fr, pt to pt-BR, zh-CN and zh to zh-Hans, unknown to English', () => {
    const chainOf = (lang: string): string[] => {
      const el = document.createElement('span');
      el.lang = lang;
      return localeChain(el);
    };
    expect(chainOf('fr-CA')).to.deep.equal(['fr', 'en']);
    expect(chainOf('pt')).to.deep.equal(['pt-BR', 'en']);
    expect(chainOf('pt-br')).to.deep.equal(['pt-BR', 'pt-BR', 'en']);
    expect(chainOf('zh-CN')).to.deep.equal(['zh-Hans', 'en']);
    expect(chainOf('zh')).to.deep.equal(['zh-Hans', 'en']);
    expect(chainOf('xx')).to.deep.equal(['en']);
    configure({ messages: { 'fr-CA': { 'signin.submit': 'Se connecter' } } });
    expect(chainOf('fr-CA')).to.deep.equal(['fr-CA', 'fr-CA', 'fr', 'en']);
    expect(builtInLocales).to.have.lengthOf(12);
  });

  it('picks plural forms and writes numbers for the locale', async () => {
    await loadLocales(['fr', 'ar', 'pl']);
    const say = (locale: string, seconds: number): string => inLocale([locale, 'en'], () => message('verify.resend-wait', { seconds }));
    expect(say('en', 1)).to.equal('(available in 1 second)');
    expect(say('en', 30)).to.equal('(available in 30 seconds)');
    expect(inLocale(['en'], () => message('attribute.check.too-long', { label: 'Name', max: 2048 }))).to.equal('Name can be at most 2,048 characters.');
    // Polish has three forms for these counts (1, 2–4, 5+).
    const polish = new Set([say('pl', 1), say('pl', 3), say('pl', 5)]);
    expect(polish.size).to.equal(3);
    // Arabic writes the number in its own digits.
    expect(say('ar', 30)).to.include((30).toLocaleString('ar'));
    // A label inside a sentence: lowercased, except in German, whose nouns keep their capital.
    expect(inLocale(['en'], () => inSentence('Full name'))).to.equal('full name');
    expect(inLocale(['fr', 'en'], () => inSentence('Nom complet'))).to.equal('nom complet');
    expect(inLocale(['de', 'en'], () => inSentence('Vollständiger Name'))).to.equal('Vollständiger Name');
    // A placeholder without a value is left as it is.
    expect(inLocale(['en'], () => message('signin.done', {}))).to.equal(en['signin.done']);
  });

  it('mirrors in Arabic under dir="rtl": the error bar on the start (right) side, and accessible', async () => {
    const block = await formsIn('ar', 'rtl');
    const signin = block.querySelector('auth-signin')!;
    fillAndSubmit(signin, { username: '', password: '' });
    await settle(block);
    const field = parts(signin).input('username');
    expect(getComputedStyle(field).direction).to.equal('rtl');
    // Right-to-left: a label's text starts at the right edge of its field, not the left.
    const label = signin.querySelector('label')!;
    const text = document.createRange();
    text.selectNodeContents(label);
    const fieldBox = label.parentElement!.getBoundingClientRect();
    expect(fieldBox.right - text.getBoundingClientRect().right).to.be.lessThan(2);
    expect(text.getBoundingClientRect().left - fieldBox.left).to.be.greaterThan(20);
    await expect(block).to.be.accessible();
  });
});
