// Defines a custom element once. A drop-in script is sooner or later included twice on one page
// (two copies of the bundle, or the bundle plus the library build): the second define must not
// throw, and whoever came first keeps the tag.

/** Defines `tag` as `ctor` unless the tag is already taken (then warns if another build took it). */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (!existing) {
    customElements.define(tag, ctor);
  } else if (existing !== ctor) {
    console.warn(
      `cognito-auth-elements: <${tag}> was already defined by another copy of the script; ` +
        'keeping that one. Include cognito-auth-elements.js once per page.',
    );
  }
}
