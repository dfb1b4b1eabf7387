// Elements that most pages never show (the account page's: change password, passkeys, MFA
// settings, …) are not in the drop-in file's first download. The drop-in file names their tags
// here; the first time one appears in the document, its module is fetched from beside the drop-in
// file and defines it, and the browser upgrades the element in place (attributes and properties
// set before that are kept: custom elements upgrade when their tag is defined).
//
// Only the document's own tree is watched: an element inside another component's shadow root is
// not seen. An app in that situation imports the element's module itself
// (`cognito-auth-elements/auth-passkeys.js`), or calls loadElement(tag) first.
import { reportOnce } from './report-once.js';

type Loader = () => Promise<unknown>;

/** Tags registered and not loaded yet (or whose load failed, to be tried again). */
const waiting = new Map<string, Loader>();
let observer: MutationObserver | undefined;

/** Loads `tag`'s module now (when it was registered here and is not defined yet). */
export function loadElement(tag: string): Promise<void> {
  const load = waiting.get(tag);
  if (!load || customElements.get(tag)) {
    // Defined meanwhile (the app imported the module itself): nothing to fetch.
    if (load) stopWaitingFor(tag);
    return customElements.whenDefined(tag).then(() => undefined);
  }
  stopWaitingFor(tag);
  return load().then(
    () => undefined,
    (error: unknown) => {
      // A failed download (offline, a deploy that dropped the chunk) is tried again the next
      // time the tag appears, rather than leaving the element blank for good.
      waiting.set(tag, load);
      watch();
      reportOnce('error', `cognito-auth-elements: could not load <${tag}>; is the file beside cognito-auth-elements.js?`, error);
    },
  );
}

function stopWaitingFor(tag: string): void {
  waiting.delete(tag);
  // Nothing left to look for: a page that keeps changing its DOM should not pay for a watcher.
  if (waiting.size === 0) {
    observer?.disconnect();
    observer = undefined;
  }
}

function loadThoseIn(root: ParentNode): void {
  for (const tag of [...waiting.keys()]) {
    if ((root instanceof Element && root.localName === tag) || root.querySelector(tag)) void loadElement(tag);
  }
}

function watch(): void {
  if (observer || waiting.size === 0) return;
  observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (node instanceof Element) loadThoseIn(node);
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** Registers tags whose modules load the first time the tag is in the document. */
export function defineOnDemand(loaders: Readonly<Record<string, Loader>>): void {
  for (const [tag, load] of Object.entries(loaders)) {
    if (!customElements.get(tag)) waiting.set(tag, load);
  }
  // Watching starts before the first look, so a load that fails for a tag already on the page
  // (and is put back) is retried when the tag appears again.
  watch();
  loadThoseIn(document);
}
