// Config of @custom-elements-manifest/analyzer (`npm run build:manifest`): custom-elements.json at
// the package root, from the elements' JSDoc (@fires, @csspart, @cssprop, @slot) and their Lit
// @property declarations. test/node/manifest.test.ts checks it against the README's tables.

/**
 * The elements register with `defineElement('auth-signin', AuthSignin)` (src/shared/define-element.ts),
 * which the analyzer does not know as a definition: without this, no element would have a tag name.
 */
function defineElementCalls() {
  return {
    name: 'cognito-auth-elements: defineElement() calls',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'defineElement') return;
      const [tag, klass] = node.arguments;
      if (!tag || !klass || !ts.isStringLiteral(tag) || !ts.isIdentifier(klass)) return;
      moduleDoc.exports = [
        ...(moduleDoc.exports ?? []),
        { kind: 'custom-element-definition', name: tag.text, declaration: { name: klass.text, module: moduleDoc.path } },
      ];
    },
  };
}

/** Private members are not API: drop them (inherited copies too, so this runs after inheritance). */
function withoutPrivateMembers() {
  return {
    name: 'cognito-auth-elements: no private members',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) {
          if (decl.members) decl.members = decl.members.filter((m) => m.privacy !== 'private' && !m.name.startsWith('#'));
        }
      }
    },
  };
}

/**
 * Module paths name the published files (lib/ is tsc's output of src/, shipped in the package),
 * not the TypeScript sources, which are not.
 */
function publishedPaths() {
  // Declarations' modules are `src/x.ts`; a superclass imported from another file is `/src/x.js`.
  const toLib = (p) => p.replace(/^\/?src\/(.*)\.[jt]s$/, 'lib/$1.js');
  const visit = (value) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if ((key === 'path' || key === 'module') && typeof child === 'string') value[key] = toLib(child);
      else visit(child);
    }
  };
  return {
    name: 'cognito-auth-elements: published paths',
    packageLinkPhase({ customElementsManifest }) {
      visit(customElementsManifest.modules);
    },
  };
}

export default {
  // The elements and the base class they inherit attributes, parts and custom properties from.
  globs: ['src/elements/*.ts', 'src/shared/auth-form-element.ts'],
  exclude: ['src/elements/*.styles.ts'],
  outdir: '',
  litelement: true,
  // The analyzer would otherwise rewrite package.json to add "customElements" (it is there already).
  packagejson: false,
  plugins: [defineElementCalls(), withoutPrivateMembers(), publishedPaths()],
};
