// custom-elements.json against the README: every element, attribute, event, part and custom
// property documented in the README's element tables is in the manifest, and the other way round.
// The manifest comes from the elements' JSDoc and Lit properties (custom-elements-manifest.config.mjs),
// so a drift means the README or a comment in src/ is wrong; fix whichever is.
//
// How README.md lays them out (its "## Elements" section, up to the next "## " heading):
// - The paragraph "All form elements (`<a>`, `<b>`, …) share these attributes", then a table of
//   them whose first column is "Attribute" (a "Property" column names the property). In the tables
//   below, the word "forms" stands for those elements.
// - "### `<tag>`": one per element. In its section, tables whose first column is "Attribute" (one
//   or more `names` per cell; a "Default" column is compared with the manifest's default where
//   both give one), a paragraph starting "Fires " (its `events`), and optionally one starting
//   "Parts:" or "Part:" (that element's parts, all of them). Text in parentheses is commentary.
// - "### Events": a table of every event (first column "Event").
// - "### Styling": a "Custom property" table and a "Part" table, each with an "Elements" column
//   (`<tag>`s and "forms", comma-separated).
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const manifestFile = join(root, 'custom-elements.json');

// ---- The manifest ---------------------------------------------------------------------------

interface Named {
  name: string;
  inheritedFrom?: { name: string };
}
interface ManifestAttribute extends Named {
  fieldName?: string;
  default?: string;
}
interface ManifestClass {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  superclass?: { name: string };
  attributes?: ManifestAttribute[];
  events?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
  slots?: Named[];
}
interface Manifest {
  schemaVersion: string;
  modules: {
    kind: string;
    path: string;
    declarations?: ManifestClass[];
    exports?: { kind: string; name: string; declaration: { name: string; module?: string } }[];
  }[];
}

function readManifest(): Manifest {
  let text: string;
  try {
    text = readFileSync(manifestFile, 'utf8');
  } catch {
    assert.fail('custom-elements.json is missing: run `npm run build` (or `npm run build:manifest`) first.');
  }
  return JSON.parse(text) as Manifest;
}

/** The elements of the manifest, by tag. */
function manifestElements(manifest: Manifest): Map<string, ManifestClass> {
  const elements = new Map<string, ManifestClass>();
  for (const mod of manifest.modules) {
    for (const decl of mod.declarations ?? []) {
      if (decl.kind === 'class' && decl.tagName) {
        assert.ok(!elements.has(decl.tagName), `<${decl.tagName}> is declared twice in the manifest`);
        elements.set(decl.tagName, decl);
      }
    }
  }
  return elements;
}

const names = (items: Named[] | undefined): string[] => (items ?? []).map((item) => item.name).sort();

// ---- The README -----------------------------------------------------------------------------

type Block = { kind: 'table'; header: string[]; rows: string[][] } | { kind: 'text'; text: string };

interface ReadmeElement {
  tag: string;
  /** Attribute name → the row's Default cell ('' when none or no such column), and Property cell. */
  attributes: Map<string, { default: string; property: string }>;
  events: string[] | null;
  parts: string[] | null;
}

interface Readme {
  formTags: string[];
  elements: Map<string, ReadmeElement>;
  eventsTable: string[];
  /** Custom property / part → the tags of its Elements column. */
  customProperties: Map<string, string[]>;
  parts: Map<string, string[]>;
}

const backticked = (text: string): string[] => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]);

/** Removes (…) groups, innermost first: the commentary in "Fires `a` (…), `b`." */
function withoutParentheses(text: string): string {
  let previous: string;
  do {
    previous = text;
    text = text.replace(/\([^()]*\)/g, '');
  } while (text !== previous);
  return text;
}

function cells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

/** Markdown blocks: tables (header and rows) and paragraphs (lines joined), in order. */
function blocks(markdown: string): Block[] {
  const out: Block[] = [];
  const lines = markdown.split('\n');
  let fenced = false;
  for (let i = 0; i < lines.length;) {
    const line = lines[i];
    if (line.trimStart().startsWith('```')) {
      fenced = !fenced;
      i++;
      continue;
    }
    if (fenced || !line.trim()) {
      i++;
      continue;
    }
    if (line.trimStart().startsWith('|')) {
      const tableLines: string[] = [];
      while (i < lines.length && lines[i].trimStart().startsWith('|')) tableLines.push(lines[i++]);
      const [header, separator, ...rows] = tableLines.map(cells);
      assert.ok(
        separator?.every((cell) => /^:?-+:?$/.test(cell)),
        `README table without a separator row: ${tableLines[0]}`,
      );
      out.push({ kind: 'table', header, rows });
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && lines[i].trim() && !lines[i].trimStart().startsWith('|') && !lines[i].trimStart().startsWith('```')) {
      paragraph.push(lines[i++].trim());
    }
    out.push({ kind: 'text', text: paragraph.join(' ') });
  }
  return out;
}

function column(table: { header: string[] }, name: string): number {
  return table.header.findIndex((cell) => cell.toLowerCase() === name.toLowerCase());
}

/** An Elements cell: `<tag>`s and "forms", comma-separated. */
function elementsCell(cell: string, formTags: string[], where: string): string[] {
  const tags: string[] = [];
  for (const item of cell.split(',').map((part) => part.trim())) {
    const tag = /^`<([a-z][a-z0-9-]*)>`$/.exec(item)?.[1];
    if (tag) tags.push(tag);
    else if (item === 'forms') tags.push(...formTags);
    else assert.fail(`${where}: "${item}" in the Elements column is neither \`<tag>\` nor "forms"`);
  }
  return tags;
}

/** Every backticked name of a "Fires …" or "Parts: …" paragraph, parentheses left out. */
function listedNames(text: string, where: string, pattern: RegExp): string[] {
  const listed = backticked(withoutParentheses(text));
  for (const name of listed) assert.match(name, pattern, `${where}: \`${name}\` does not look like one (${text})`);
  return listed.sort();
}

function parseReadme(markdown: string): Readme {
  const start = markdown.search(/^## Elements$/m);
  assert.ok(start >= 0, 'README.md has no "## Elements" section');
  const rest = markdown.slice(start + '## Elements'.length);
  const end = rest.search(/^## /m);
  const section = end >= 0 ? rest.slice(0, end) : rest;

  // Split at ### headings: the part before the first is the shared attributes.
  const parts = section.split(/^### /m);
  const intro = blocks(parts[0]);
  const readme: Readme = { formTags: [], elements: new Map(), eventsTable: [], customProperties: new Map(), parts: new Map() };

  const sharedAttributes = new Map<string, { default: string; property: string }>();
  intro.forEach((block, i) => {
    if (block.kind !== 'table' || block.header[0] !== 'Attribute') return;
    const before = intro[i - 1];
    assert.ok(
      before?.kind === 'text' && /^All form elements \(/.test(before.text),
      'the shared attribute table must follow "All form elements (`<tag>`, …) share these attributes"',
    );
    readme.formTags = backticked(/^All form elements \(([^)]*)\)/.exec(before.text)![1]).map((tag) => {
      const name = /^<([a-z][a-z0-9-]*)>$/.exec(tag)?.[1];
      assert.ok(name, `"${tag}" in "All form elements (…)" is not a <tag>`);
      return name;
    });
    readAttributeTable(block, sharedAttributes);
  });
  assert.ok(readme.formTags.length, 'README.md: no "All form elements (…)" paragraph with its attribute table under "## Elements"');

  for (const part of parts.slice(1)) {
    const newline = part.indexOf('\n');
    const heading = part.slice(0, newline).trim();
    const body = blocks(part.slice(newline + 1));
    const tag = /^`<([a-z][a-z0-9-]*)>`$/.exec(heading)?.[1];
    if (tag) {
      const element: ReadmeElement = { tag, attributes: new Map(), events: null, parts: null };
      if (readme.formTags.includes(tag)) for (const [name, row] of sharedAttributes) element.attributes.set(name, row);
      for (const block of body) {
        if (block.kind === 'table' && block.header[0] === 'Attribute') readAttributeTable(block, element.attributes, `<${tag}>`);
        if (block.kind === 'text' && /^Fires /.test(block.text)) {
          assert.equal(element.events, null, `<${tag}>: two "Fires" paragraphs`);
          element.events = listedNames(block.text, `<${tag}> Fires`, /^auth-[a-z]+(-[a-z]+)*$/);
        }
        if (block.kind === 'text' && /^Parts?: /.test(block.text)) {
          assert.equal(element.parts, null, `<${tag}>: two "Parts:" paragraphs`);
          element.parts = listedNames(block.text, `<${tag}> Parts`, /^[a-z][a-z0-9-]*$/);
        }
      }
      assert.ok(!readme.elements.has(tag), `README.md has two sections for <${tag}>`);
      readme.elements.set(tag, element);
    } else if (heading === 'Events') {
      const table = body.find((block) => block.kind === 'table' && block.header[0] === 'Event');
      assert.ok(table?.kind === 'table', 'README.md "### Events" has no table whose first column is "Event"');
      readme.eventsTable = table.rows.flatMap((row) => backticked(row[0])).sort();
    } else if (heading === 'Styling') {
      for (const [first, into] of [
        ['Custom property', readme.customProperties],
        ['Part', readme.parts],
      ] as const) {
        const table = body.find((block) => block.kind === 'table' && block.header[0] === first);
        assert.ok(table?.kind === 'table', `README.md "### Styling" has no table whose first column is "${first}"`);
        const elementsColumn = column(table, 'Elements');
        assert.ok(elementsColumn > 0, `README.md "### Styling": the "${first}" table has no "Elements" column`);
        for (const row of table.rows) {
          const [name] = backticked(row[0]);
          assert.ok(name, `README.md "### Styling": a "${first}" row without a \`name\`: ${row.join(' | ')}`);
          into.set(name, elementsCell(row[elementsColumn] ?? '', readme.formTags, `"${first}" \`${name}\``));
        }
      }
    }
  }
  return readme;

  function readAttributeTable(
    table: Extract<Block, { kind: 'table' }>,
    into: Map<string, { default: string; property: string }>,
    where = 'shared attributes',
  ): void {
    const defaultColumn = column(table, 'Default');
    const propertyColumn = column(table, 'Property');
    for (const row of table.rows) {
      const attributeNames = backticked(row[0]);
      assert.ok(attributeNames.length, `README.md ${where}: an attribute row without a \`name\`: ${row.join(' | ')}`);
      for (const name of attributeNames) {
        assert.match(name, /^[a-z][a-z0-9-]*$/, `README.md ${where}: \`${name}\` is not an attribute name`);
        assert.ok(!into.has(name), `README.md ${where}: \`${name}\` is listed twice`);
        const cell = (index: number) => (index >= 0 ? (row[index] ?? '') : '');
        into.set(name, { default: cell(defaultColumn), property: backticked(cell(propertyColumn))[0] ?? '' });
      }
    }
  }
}

/** What the README says of each tag, for the Styling tables: the names whose Elements include it. */
function namesFor(table: Map<string, string[]>, tag: string): string[] {
  return [...table]
    .filter(([, tags]) => tags.includes(tag))
    .map(([name]) => name)
    .sort();
}

/** `30`, `email`, 'email', "email" → 30, email: a manifest default and a README Default cell compared as text. */
const plainDefault = (value: string): string =>
  value
    .trim()
    .replace(/^`(.*)`$/, '$1')
    .replace(/^(['"])(.*)\1$/, '$2');

// ---- Tests ----------------------------------------------------------------------------------

// Read once, on first use, so that a missing file or an unreadable table fails the tests that need
// it, each with its message, rather than the whole file at load.
let manifestData: { manifest: Manifest; elements: Map<string, ManifestClass> } | undefined;
let readmeData: Readme | undefined;
function load(): { manifest: Manifest; elements: Map<string, ManifestClass> };
function load(withReadme: 'readme'): { manifest: Manifest; elements: Map<string, ManifestClass>; readme: Readme };
function load(withReadme?: 'readme') {
  if (!manifestData) {
    const manifest = readManifest();
    manifestData = { manifest, elements: manifestElements(manifest) };
  }
  if (withReadme) readmeData ??= parseReadme(readFileSync(join(root, 'README.md'), 'utf8'));
  return { ...manifestData, readme: readmeData };
}

test('custom-elements.json is what the analyzer makes from the current sources', () => {
  const { manifest } = load();
  const dir = mkdtempSync(join(tmpdir(), 'cem-'));
  try {
    // The analyzer writes to <cwd>/<outdir>, so the temporary directory is given relative to the root.
    execFileSync(
      process.execPath,
      [join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze', '--quiet', '--outdir', relative(root, dir)],
      {
        cwd: root,
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    const fresh = JSON.parse(readFileSync(join(dir, 'custom-elements.json'), 'utf8'));
    assert.deepEqual(manifest, fresh, 'custom-elements.json is stale: run `npm run build:manifest`');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('package.json points at the manifest and npm pack ships it', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { customElements?: string };
  assert.equal(pkg.customElements, 'custom-elements.json');
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
  ) as { files: { path: string }[] }[];
  assert.ok(
    packed.files.some((file) => file.path === 'custom-elements.json'),
    'npm pack leaves custom-elements.json out: add it to "files" in package.json',
  );
});

test('the manifest gives every element its tag, module and definition', () => {
  const { manifest, elements } = load();
  assert.ok(elements.size > 0, 'no element in custom-elements.json has a tag name');
  for (const mod of manifest.modules) {
    for (const decl of mod.declarations ?? []) {
      if (!decl.tagName) continue;
      assert.match(mod.path, /^lib\/.*\.js$/, `<${decl.tagName}>'s module is ${mod.path}, not a published lib/ file`);
      const definition = mod.exports?.find((exp) => exp.kind === 'custom-element-definition' && exp.name === decl.tagName);
      assert.equal(definition?.declaration.name, decl.name, `<${decl.tagName}> has no custom-element-definition export in ${mod.path}`);
      // An event without a name is a dispatch the analyzer could not read (mark it @ignore).
      for (const event of decl.events ?? []) assert.ok(event.name, `<${decl.tagName}> has an event without a name`);
    }
  }
});

test('the README documents exactly the elements of the manifest', () => {
  const { elements, readme } = load('readme');
  assert.deepEqual([...readme.elements.keys()].sort(), [...elements.keys()].sort(), 'the "### `<tag>`" sections of README.md vs the manifest');
  const formElements = [...elements].filter(([, decl]) => decl.superclass?.name === 'AuthFormElement').map(([tag]) => tag);
  assert.deepEqual([...readme.formTags].sort(), formElements.sort(), '"All form elements (…)" in README.md vs the manifest\'s AuthFormElement subclasses');
});

test("each element's attributes: README tables = manifest", () => {
  const { elements, readme } = load('readme');
  for (const [tag, decl] of elements) {
    const documented = readme.elements.get(tag);
    if (!documented) continue; // reported by the elements test
    assert.deepEqual([...documented.attributes.keys()].sort(), names(decl.attributes), `<${tag}> attributes: README.md vs custom-elements.json`);
    for (const attribute of decl.attributes ?? []) {
      const row: { default: string; property: string } = documented.attributes.get(attribute.name)!;
      if (row.property) assert.equal(row.property, attribute.fieldName, `<${tag}> ${attribute.name}: the README's Property vs the manifest's fieldName`);
      if (row.default && attribute.default !== undefined && /^`[^`]*`$/.test(row.default)) {
        assert.equal(plainDefault(row.default), plainDefault(attribute.default), `<${tag}> ${attribute.name}: the README's Default vs the code's`);
      }
    }
  }
});

test('each element\'s events: README "Fires" paragraphs = manifest, and the Events table lists them all', () => {
  const { elements, readme } = load('readme');
  const all = new Set<string>();
  for (const [tag, decl] of elements) {
    const documented = readme.elements.get(tag);
    if (!documented) continue;
    assert.deepEqual(documented.events ?? [], names(decl.events), `<${tag}> events: the README's "Fires …" paragraph vs custom-elements.json`);
    for (const name of names(decl.events)) all.add(name);
  }
  assert.deepEqual(readme.eventsTable, [...all].sort(), 'the README\'s "### Events" table vs every event in custom-elements.json');
});

test('each element\'s parts: README Styling table (and "Parts:" paragraphs) = manifest', () => {
  const { elements, readme } = load('readme');
  for (const [tag, decl] of elements) {
    assert.deepEqual(namesFor(readme.parts, tag), names(decl.cssParts), `<${tag}> parts: the README's Styling "Part" table vs custom-elements.json`);
    const listed = readme.elements.get(tag)?.parts;
    if (listed) assert.deepEqual(listed, names(decl.cssParts), `<${tag}> parts: its "Parts:" paragraph vs custom-elements.json`);
  }
  for (const [part, tags] of readme.parts) {
    for (const tag of tags) assert.ok(elements.has(tag), `README part \`${part}\` names <${tag}>, which the manifest does not have`);
  }
});

test("each element's custom properties: README Styling table = manifest", () => {
  const { elements, readme } = load('readme');
  for (const [tag, decl] of elements) {
    assert.deepEqual(
      namesFor(readme.customProperties, tag),
      names(decl.cssProperties),
      `<${tag}> custom properties: the README's Styling "Custom property" table vs custom-elements.json`,
    );
  }
  for (const [property, tags] of readme.customProperties) {
    assert.ok(tags.length, `README custom property \`${property}\` names no element`);
    for (const tag of tags) assert.ok(elements.has(tag), `README custom property \`${property}\` names <${tag}>, which the manifest does not have`);
  }
});

test('the README parser reads the layout it documents', () => {
  const { readme } = load('readme');
  // A guard against a parser that silently reads nothing: the shapes above must have been found.
  assert.ok(readme.elements.size >= 1 && readme.eventsTable.length >= 1 && readme.parts.size >= 1 && readme.customProperties.size >= 1);
  assert.deepEqual(withoutParentheses('Fires `a` (`x` (`y`)), `b` (z).'), 'Fires `a` , `b` .');
  assert.deepEqual(cells('| `a \\| b` | c |'), ['`a | b`', 'c']);
  const parsed = blocks('text\nmore\n\n| A | B |\n| --- | --- |\n| 1 | 2 |\n\n```\n| not | a table |\n```\n');
  assert.deepEqual(parsed, [
    { kind: 'text', text: 'text more' },
    { kind: 'table', header: ['A', 'B'], rows: [['1', '2']] },
  ]);
});
