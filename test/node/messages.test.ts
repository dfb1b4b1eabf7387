// The English message catalogue (src/messages/en.ts, and en-account.ts for the account page) against the code: every key is used, every
// key the code names exists, and no element or shared view writes a user-visible word inline.
// Read as text, so the test needs no browser and sees exactly what ships.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
// The drop-in file's catalogue, and the account page's, which its elements load with them.
const catalogueFiles = ['src/messages/en.ts', 'src/messages/en-account.ts'].map((file) => join(root, file));

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The catalogue's keys and texts, in order. */
function catalogue(): Map<string, string> {
  const text = catalogueFiles.map((file) => readFileSync(file, 'utf8')).join('\n');
  const entries = new Map<string, string>();
  // 'key': 'text' or "text", possibly on the next line.
  for (const match of text.matchAll(/^\s*'([\w.-]+)':\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")/gm)) {
    entries.set(match[1], match[2] ?? match[3]);
  }
  return entries;
}

/** The members of a string-literal union type `name` in `file`. */
function unionMembers(file: string, name: string): Set<string> {
  const text = readFileSync(join(root, file), 'utf8');
  const body = new RegExp(`export type ${name} =([^;]+);`).exec(text)?.[1] ?? '';
  return new Set([...body.matchAll(/'([\w-]+)'/g)].map((match) => match[1]));
}

const code = sourceFiles('src')
  .filter((file) => !file.endsWith(join('messages', 'en.ts')) && !file.endsWith(join('messages', 'en-account.ts')))
  .map((file) => ({ file, text: readFileSync(join(root, file), 'utf8') }));

test('the catalogue has entries and no duplicate keys', () => {
  const text = catalogueFiles.map((file) => readFileSync(file, 'utf8')).join('\n');
  const keys = [...text.matchAll(/^\s*'([\w.-]+)':/gm)].map((match) => match[1]);
  assert.ok(keys.length > 100, `only ${keys.length} keys found: did the catalogue's layout change?`);
  assert.equal(catalogue().size, keys.length, 'a key is listed twice, or an entry is not a plain string');
});

test('every key the code names exists in the catalogue', () => {
  const keys = catalogue();
  const missing: string[] = [];
  for (const { file, text } of code) {
    for (const match of text.matchAll(/(?:message\(\s*|key:\s*|label:\s*|hint:\s*)'([a-z][\w-]*\.[\w.-]+)'/g)) {
      if (!keys.has(match[1])) missing.push(`${relative(root, join(root, file))}: ${match[1]}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('every key in the catalogue is used', () => {
  const all = code.map(({ text }) => text).join('\n');
  const codes = unionMembers('src/cognito/cognito-errors.ts', 'AuthErrorCode');
  const flows = unionMembers('src/events.ts', 'AuthFlow');
  assert.ok(codes.size > 10 && flows.size > 5, 'could not read AuthErrorCode or AuthFlow');
  // Keys built at run time: `error.<flow>.<code>` / `error.<code>` (authErrorKey) and
  // `checklist.<rule>` (password-policy.ts); each stands for a real code, flow or rule.
  const rules = ['upper', 'lower', 'digit', 'symbol'];
  const builtAtRunTime = (key: string): boolean => {
    const [area, ...rest] = key.split('.');
    if (area === 'error') {
      if (rest.length === 1) return codes.has(rest[0]);
      return rest.length === 2 && (flows.has(rest[0]) || all.includes(`'${key}'`)) && codes.has(rest[1]);
    }
    return area === 'checklist' && rest.length === 1 && rules.includes(rest[0]) && all.includes('`checklist.${rule}`');
  };
  const unused = [...catalogue().keys()].filter((key) => !all.includes(`'${key}'`) && !builtAtRunTime(key));
  assert.deepEqual(unused, []);
});

test('every error code has a message', () => {
  const keys = catalogue();
  const without = [...unionMembers('src/cognito/cognito-errors.ts', 'AuthErrorCode')].filter((code) => !keys.has(`error.${code}`));
  assert.deepEqual(without, []);
});

test('placeholders are words in braces (or plurals), and messages are trimmed sentences', () => {
  for (const [key, text] of catalogue()) {
    // The checklist's " (met)" is appended to a label, so it starts with its space.
    if (!key.startsWith('checklist.')) assert.equal(text, text.trim(), `${key} has outer spaces`);
    // `{n, plural, one {…} other {…}}`: branches of words (and `#`), always with `other`.
    const plural = /\{\w+, plural,((?:\s*=?\w+ \{[^{}]*\})+)\s*\}/g;
    for (const match of text.matchAll(plural)) assert.match(match[1], /\bother \{/, `${key}: a plural without "other"`);
    for (const match of text.replace(plural, '').matchAll(/\{([^}]*)\}/g)) assert.match(match[1], /^\w+$/, `${key}: placeholder {${match[1]}}`);
  }
});

// The views: lit templates and the strings they show. What is left inline must be no words at
// all; developer-facing console text, CSS, attribute names and ids are not shown to visitors.
const viewFiles = code.filter(({ file }) => /^src[\\/](elements|shared)[\\/]/.test(file) && !file.endsWith('.styles.ts'));

/**
 * The static text of every html`…` template in `source` (nested ones included): what lit writes
 * as is. Scans by hand because templates nest inside `${…}` expressions.
 */
function templateTexts(source: string): string[] {
  const texts: string[] = [];
  // Reads a template literal whose opening backtick is at `start`; returns the index after it.
  const readTemplate = (start: number, collect: boolean): number => {
    let text = '';
    let i = start + 1;
    while (i < source.length && source[i] !== '`') {
      if (source[i] === '\\') {
        text += source.slice(i, i + 2);
        i += 2;
      } else if (source.startsWith('${', i)) {
        i = readExpression(i + 2);
        text += ' ';
      } else text += source[i++];
    }
    if (collect) texts.push(text);
    return i + 1;
  };
  // Reads a ${…} expression from `start`; returns the index after its closing brace.
  const readExpression = (start: number): number => {
    let depth = 1;
    let i = start;
    while (i < source.length && depth > 0) {
      const c = source[i];
      if (c === '`') i = readTemplate(i, /(html|svg)\s*$/.test(source.slice(Math.max(0, i - 5), i)));
      else if (c === "'" || c === '"') {
        i++;
        while (i < source.length && source[i] !== c) i += source[i] === '\\' ? 2 : 1;
        i++;
      } else {
        if (c === '{') depth++;
        if (c === '}') depth--;
        i++;
      }
    }
    return i;
  };
  for (let i = 0; i < source.length; i++) {
    // Comments may quote code in backticks ("`signin.html`"): skip them whole.
    if (source.startsWith('//', i)) i = source.indexOf('\n', i);
    else if (source.startsWith('/*', i)) i = source.indexOf('*/', i) + 1;
    else if (source[i] === '`') i = readTemplate(i, /(html|svg)$/.test(source.slice(Math.max(0, i - 4), i))) - 1;
    if (i < 0) break;
  }
  return texts;
}

test('no words are written inside a template of an element', () => {
  const inline: string[] = [];
  for (const { file, text } of viewFiles) {
    for (const template of templateTexts(text)) {
      const words = template
        .replace(/<[^>]*>/g, ' ')
        .replace(/&\w+;/g, ' ')
        .match(/[A-Za-z]{2,}/g);
      if (words) inline.push(`${file}: ${words.join(' ')}`);
    }
  }
  assert.deepEqual(inline, []);
});

test('no sentence is written inline in an element or shared view', () => {
  const inline: string[] = [];
  for (const { file, text } of viewFiles) {
    text.split('\n').forEach((line, index) => {
      const trimmed = line.trim();
      // Comments, developer-facing console output and JSDoc are not shown to visitors.
      if (/^(\/\/|\/?\*)/.test(trimmed) || /console\.|reportOnce\(|@(property|fires|csspart|cssprop|slot)/.test(line)) return;
      for (const match of line.matchAll(/'([^'\\]*(?:\\.[^'\\]*)*)'|`([^`$\\]*)`/g)) {
        const literal = match[1] ?? match[2] ?? '';
        // A sentence or label: a capital letter, then words with a space between.
        if (/^[A-Z][a-z]+[\s,][^<>{}]*[a-z]/.test(literal)) inline.push(`${file}:${index + 1}: ${literal}`);
      }
    });
  }
  assert.deepEqual(inline, []);
});
