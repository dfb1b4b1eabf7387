// defineOnDemand: a registered tag's module loads the first time the tag is in the document (already
// there, or added later, also deep inside an added subtree), once; a failed load is tried again the
// next time the tag appears; a tag that never appears loads nothing. Each test uses its own tags:
// a custom element cannot be undefined again, and each gets a module instance of its own (a page
// has one: state left by another test, such as a watcher already running, must not help it pass).
import { aTimeout, expect, fixture, waitUntil } from '@open-wc/testing';

type DefineOnDemand = typeof import('../../../src/shared/define-on-demand.js');
let defineOnDemand: DefineOnDemand['defineOnDemand'];
let loadElement: DefineOnDemand['loadElement'];
let instances = 0;

let counter = 0;
const uniqueTag = (name: string) => `on-demand-${name}-${Date.now().toString(36)}-${++counter}`;

/** A loader that defines `tag` (as a plain element with a marker) and counts its calls. */
function loaderFor(tag: string, failures = 0) {
  const loader = {
    calls: 0,
    load: (): Promise<unknown> => {
      loader.calls += 1;
      if (loader.calls <= failures) return Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
      // A module is fetched asynchronously: define on a later task, as a real import() does.
      return aTimeout(10).then(() => {
        customElements.define(
          tag,
          class extends HTMLElement {
            loadedBy = 'on-demand';
          },
        );
      });
    },
  };
  return loader;
}

// MutationObserver callbacks run as microtasks after the change; one task later they have run.
const observed = () => aTimeout(0);

describe('defineOnDemand', () => {
  let originalError: typeof console.error;
  let errors: unknown[][];
  beforeEach(async () => {
    // The source itself (the dev server compiles .ts), a new URL each time: a new module instance.
    const url = new URL(`../../../src/shared/define-on-demand.ts?instance=${++instances}`, import.meta.url).href;
    ({ defineOnDemand, loadElement } = (await import(/* @vite-ignore */ url)) as DefineOnDemand);
    originalError = console.error;
    errors = [];
    console.error = (...args: unknown[]) => void errors.push(args);
  });
  afterEach(() => {
    console.error = originalError;
  });

  it('loads a tag that is already in the document, once, and the element upgrades in place', async () => {
    const tag = uniqueTag('present');
    const host = await fixture<HTMLDivElement>(`<div><${tag} data-x="1"></${tag}><${tag}></${tag}></div>`);
    const early = host.querySelector<HTMLElement & { loadedBy?: string; early?: string }>(tag)!;
    early.early = 'kept';
    const loader = loaderFor(tag);
    defineOnDemand({ [tag]: loader.load });
    expect(loader.calls).to.equal(1);
    await customElements.whenDefined(tag);
    expect(early.loadedBy).to.equal('on-demand');
    expect(early.early, 'a property set before the upgrade').to.equal('kept');
    expect(early.dataset.x).to.equal('1');
    host.append(document.createElement(tag));
    await observed();
    expect(loader.calls).to.equal(1);
  });

  it('loads a tag added later, also deep inside an added subtree, and not before', async () => {
    const direct = uniqueTag('later');
    const nested = uniqueTag('nested');
    const directLoader = loaderFor(direct);
    const nestedLoader = loaderFor(nested);
    defineOnDemand({ [direct]: directLoader.load, [nested]: nestedLoader.load });
    const host = await fixture<HTMLDivElement>('<div><p>nothing yet</p></div>');
    await observed();
    expect(directLoader.calls + nestedLoader.calls).to.equal(0);

    host.append(document.createElement(direct));
    await observed();
    expect(directLoader.calls).to.equal(1);
    expect(nestedLoader.calls).to.equal(0);

    const section = document.createElement('section');
    section.innerHTML = `<div><span><${nested}></${nested}></span></div>`;
    host.append(section);
    await customElements.whenDefined(nested);
    expect(nestedLoader.calls).to.equal(1);
    expect((host.querySelector(nested) as HTMLElement & { loadedBy?: string }).loadedBy).to.equal('on-demand');
  });

  it('tries a failed load again the next time the tag appears, and says so on the console once', async () => {
    const tag = uniqueTag('retry');
    const host = await fixture<HTMLDivElement>(`<div><${tag}></${tag}></div>`);
    const loader = loaderFor(tag, 2);
    defineOnDemand({ [tag]: loader.load });
    expect(loader.calls).to.equal(1);
    await waitUntil(() => errors.length === 1, 'the failure was not reported');
    expect(String(errors[0][0])).to.contain(`could not load <${tag}>`);
    expect(customElements.get(tag)).to.equal(undefined);

    // Still failing: tried again on the next appearance, reported once only.
    host.append(document.createElement(tag));
    await observed();
    await aTimeout(0);
    expect(loader.calls).to.equal(2);
    expect(customElements.get(tag)).to.equal(undefined);

    host.append(document.createElement(tag));
    await customElements.whenDefined(tag);
    expect(loader.calls).to.equal(3);
    expect(errors).to.have.lengthOf(1);
    // Every copy on the page upgraded, the first one included.
    for (const el of host.querySelectorAll(tag)) expect((el as HTMLElement & { loadedBy?: string }).loadedBy).to.equal('on-demand');
  });

  it('loads nothing for a tag that never appears, and nothing for a tag already defined', async () => {
    const absent = uniqueTag('absent');
    const defined = uniqueTag('defined');
    customElements.define(defined, class extends HTMLElement {});
    const absentLoader = loaderFor(absent);
    const definedLoader = loaderFor(defined);
    defineOnDemand({ [absent]: absentLoader.load, [defined]: definedLoader.load });
    const host = await fixture<HTMLDivElement>(`<div><${defined}></${defined}></div>`);
    host.append(document.createElement('p'), document.createElement(defined));
    host.innerHTML = `<section><${absent}-not-quite></${absent}-not-quite></section>`;
    await observed();
    expect(absentLoader.calls).to.equal(0);
    expect(definedLoader.calls).to.equal(0);
  });

  it('loadElement(tag) loads a registered tag at once, for an element the observer cannot see', async () => {
    const tag = uniqueTag('shadow');
    const loader = loaderFor(tag);
    defineOnDemand({ [tag]: loader.load });
    const host = await fixture<HTMLDivElement>('<div></div>');
    host.attachShadow({ mode: 'open' }).innerHTML = `<${tag}></${tag}>`;
    await observed();
    expect(loader.calls, 'inside a shadow root: not seen').to.equal(0);
    await loadElement(tag);
    expect(loader.calls).to.equal(1);
    expect(customElements.get(tag)).to.not.equal(undefined);
    await loadElement(tag);
    expect(loader.calls).to.equal(1);
  });
});
