// Light DOM forms cannot use Lit's shadow-root styles, so the stylesheet is adopted into whatever
// root the element sits in (the document, or a shadow root of the host page's own component),
// once per root. Adopted sheets need no <style> element and no CSP nonce.
import type { CSSResult } from 'lit';

const adopted = new WeakMap<CSSResult, WeakSet<Document | ShadowRoot>>();

/** Adds `styles` to `root`'s adopted stylesheets unless it is already there. */
export function adoptStylesOnce(root: Node, styles: CSSResult): void {
  if (!(root instanceof Document || root instanceof ShadowRoot)) return; // not connected yet
  const sheet = styles.styleSheet;
  if (!sheet) return; // no constructable stylesheets (very old browsers): unstyled but working
  let roots = adopted.get(styles);
  if (!roots) adopted.set(styles, (roots = new WeakSet()));
  if (roots.has(root) || root.adoptedStyleSheets.includes(sheet)) return;
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  roots.add(root);
}
