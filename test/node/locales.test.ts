// Every built-in locale (src/messages/locales/<tag>.ts) against the English catalogue: the same
// keys, no more and no fewer, the same placeholders, and plural forms with the categories the
// language has. Read as text, as messages.test.ts reads en.ts, so it sees exactly what ships.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const localesDir = join(root, 'src/messages/locales');

/** The keys and texts of a catalogue file, in order. */
function catalogue(file: string): Map<string, string> {
  const text = readFileSync(file, 'utf8');
  const entries = new Map<string, string>();
  for (const match of text.matchAll(/^\s*'([\w.-]+)':\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")/gm)) {
    entries.set(match[1], (match[2] ?? match[3]).replace(/\\(.)/g, '$1'));
  }
  return entries;
}

/** The names of a text's placeholders, `{name}` and `{name, plural, …}`. */
function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{([A-Za-z0-9_]+)[,}]/g)].map((match) => match[1]))].sort();
}

/** The categories of each plural in a text. */
function pluralCategories(text: string): string[][] {
  return [...text.matchAll(/\{\w+, plural,((?: \w+ \{[^{}]*\})+)\}/g)].map((match) => [...match[1].matchAll(/ (\w+) \{/g)].map((branch) => branch[1]));
}

// The drop-in file's English and the account page's (en-account.ts, loaded with its elements).
const english = new Map([...catalogue(join(root, 'src/messages/en.ts')), ...catalogue(join(root, 'src/messages/en-account.ts'))]);
const tags = readdirSync(localesDir)
  .filter((name) => name.endsWith('.ts'))
  .map((name) => name.slice(0, -3))
  .sort();

test('the built-in locales are the twelve of the README, each loaded by locale.ts', () => {
  assert.deepEqual(tags, ['ar', 'de', 'es', 'fr', 'it', 'ja', 'ko', 'nl', 'pl', 'pt-BR', 'sv', 'zh-Hans']);
  const loader = readFileSync(join(root, 'src/messages/locale.ts'), 'utf8');
  for (const tag of tags) assert.ok(loader.includes(`import('./locales/${tag}.js')`), `locale.ts does not load ${tag}`);
  assert.ok(english.size > 100, `only ${english.size} English keys found: did en.ts's layout change?`);
});

for (const tag of tags) {
  test(`${tag} has every key of en.ts and no other, with the same placeholders`, () => {
    const texts = catalogue(join(localesDir, `${tag}.ts`));
    const missing = [...english.keys()].filter((key) => !texts.has(key));
    const extra = [...texts.keys()].filter((key) => !english.has(key));
    assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, `${tag}: keys differ from en.ts`);
    const differing = [...english].filter(([key, text]) => placeholders(text).join() !== placeholders(texts.get(key)!).join()).map(([key]) => key);
    assert.deepEqual(differing, [], `${tag}: placeholders differ from en.ts`);
  });

  test(`${tag}'s plurals use the categories of the language, with "other", where English has a plural`, () => {
    const categories = new Set(new Intl.PluralRules(tag).resolvedOptions().pluralCategories);
    const texts = catalogue(join(localesDir, `${tag}.ts`));
    for (const [key, text] of english) {
      const own = texts.get(key) ?? '';
      assert.equal(pluralCategories(own).length, pluralCategories(text).length, `${tag} ${key}: not the plurals of en.ts`);
      for (const branches of pluralCategories(own)) {
        assert.ok(branches.includes('other'), `${tag} ${key}: a plural without "other"`);
        const unknown = branches.filter((branch) => !categories.has(branch as Intl.LDMLPluralRule));
        assert.deepEqual(unknown, [], `${tag} ${key}: plural categories ${tag} does not have`);
      }
      // The checklist's " (met)" is appended to a label; other texts are trimmed, as in English.
      if (!key.startsWith('checklist.')) assert.equal(own, own.trim(), `${tag} ${key} has outer spaces`);
    }
  });
}
