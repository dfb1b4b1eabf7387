// What makes an element speak the visitor's language: each update renders in the element's
// locale (message() reads it), waits for that locale's catalogue the first time (so no English
// flashes before it), and renders again when a `lang` attribute anywhere in the document, or
// configure() (a locale, messages, or the pool settings forms show), changes.
import { LitElement, type PropertyValues } from 'lit';
import { onConfigChange } from '../config/config-sources.js';
import { loadLocales, localeChain } from './locale.js';
import { inLocale } from './message.js';

const connected = new Set<LitElement>();
let watching = false;

function renderAll(): void {
  for (const element of connected) element.requestUpdate();
}

/** The base of every element that shows text: a LitElement rendering in its own language. */
export abstract class LocalizedElement extends LitElement {
  override connectedCallback(): void {
    super.connectedCallback();
    // One observer for the whole document, started with the first element: `lang` can change on
    // the element, any ancestor or <html>, and rendering every element again is cheap next to
    // working out which ones a change concerns.
    if (!watching) {
      watching = true;
      new MutationObserver(renderAll).observe(document.documentElement, { attributeFilter: ['lang'], subtree: true });
      onConfigChange(renderAll);
    }
    connected.add(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    connected.delete(this);
  }

  /** Runs `task` with message() in this element's language (for texts worded outside render). */
  protected inOwnLocale<R>(task: () => R): R {
    return inLocale(localeChain(this), task);
  }

  // A catalogue not loaded yet delays this update until it is (updateComplete waits too).
  protected override scheduleUpdate(): void | Promise<unknown> {
    return loadLocales(localeChain(this))?.then(() => super.scheduleUpdate()) ?? super.scheduleUpdate();
  }

  protected override update(changed: PropertyValues): void {
    this.inOwnLocale(() => super.update(changed));
  }
}
