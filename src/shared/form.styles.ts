// Styles every form element shares. Each selector is wrapped whole in :where(), so it has zero
// specificity: any rule of the page that targets the same nodes wins, and since every selector
// starts at one of our tags nothing leaks onto the rest of the page. Colours derive from
// currentColor (error, success and link defaults are mixed with the text colour, so they stay
// readable on light and dark pages); --auth-* properties tune the rest.
import { css, unsafeCSS } from 'lit';

/** Every tag of the library that renders parts into the light DOM (the forms and the sign-out button). */
const tags = unsafeCSS(
  'auth-hosted-signin, auth-register, auth-verify, auth-signin, auth-forgot-password, auth-change-password, auth-delete-account, auth-devices, auth-signout, auth-passkeys, auth-profile, auth-mfa-settings',
);
/** The forms. (<auth-user> and <auth-gate> style themselves in their shadow roots.) */
const formTags = unsafeCSS(
  'auth-hosted-signin, auth-register, auth-verify, auth-signin, auth-forgot-password, auth-change-password, auth-delete-account, auth-devices, auth-passkeys, auth-profile, auth-mfa-settings',
);

// Comments inside the css`` below ship in the bundle, so the reasons for these rules are here:
// - overflow-wrap: anywhere on every element: an email address is one word to the line breaker,
//   so "You are signed in as someone@example.com." could not wrap and pushed its box (and,
//   through the grid track, the inputs and buttons) past a phone-width card. "anywhere", unlike
//   "break-word", also lets boxes shrink below the word's width. Inherited by every part.
// - The form grid's one column is minmax(0, 1fr) and inputs and buttons have min-width: 0 and
//   max-width: 100%: content never widens the form. <auth-signout> is an inline box, which its
//   container does not narrow as it does a block, so its max-width is capped at 100% too.
// - --auth-border defaults to the text colour at 60%: WCAG 1.4.11 asks 3:1 for an input's edge;
//   on white that gives 5.7:1 with black text, 3.7:1 with #333, 3.2:1 with #444 (40% gave 2.85:1
//   with black). test/browser/shared/layout.test.ts checks both.
export const formStyles = css`
  :where(${formTags}) {
    display: block;
    max-width: var(--auth-max-width, 24rem);
    font-family: var(--auth-font, inherit);
    color: inherit;
    line-height: 1.4;
  }

  :where(${tags}) {
    overflow-wrap: anywhere;
  }

  /* A sign-out button sits in a header or a line of text: as wide as its label. */
  :where(auth-signout) {
    display: inline-grid;
    gap: 0.5rem;
    max-width: min(var(--auth-max-width, 24rem), 100%);
    font-family: var(--auth-font, inherit);
    color: inherit;
    line-height: 1.4;
  }

  /* Later than the display rules above, so an element hidden while signed out stays hidden. */
  :where(:is(${tags})[hidden]) {
    display: none;
  }

  :where(:is(${tags}) [part~='form']) {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--auth-gap, 1rem);
    margin: 0;
    padding: 0;
    border: 0;
  }

  /* A form set aside while another step shows (the password asked again) keeps what was typed. */
  :where(:is(${tags}) [part~='form'][hidden]) {
    display: none;
  }

  :where(:is(${tags}) [part~='field']) {
    display: grid;
    gap: 0.375rem;
    margin: 0;
    min-width: 0;
  }

  :where(:is(${tags}) [part~='label']) {
    display: block;
    font-weight: 600;
    font-size: 0.9375em;
  }

  :where(:is(${tags}) [part~='input']) {
    box-sizing: border-box;
    display: block;
    width: 100%;
    min-width: 0;
    max-width: 100%;
    min-height: 2.75rem;
    margin: 0;
    padding: 0.625rem 0.75rem;
    font: inherit;
    color: inherit;
    background-color: transparent;
    border: 1px solid var(--auth-border, color-mix(in srgb, currentColor 60%, transparent));
    border-radius: var(--auth-radius, 0.5rem);
  }

  :where(:is(${tags}) [part~='input']:focus-visible),
  :where(:is(${tags}) :is([part~='submit'], [part~='secondary']):focus-visible) {
    outline: 2px solid var(--auth-accent, color-mix(in srgb, #2f5bea 75%, currentColor));
    outline-offset: 2px;
  }

  :where(:is(${tags}) [part~='input'][aria-invalid='true']) {
    border-color: var(--auth-error, color-mix(in srgb, #d3261b 65%, currentColor));
  }

  :where(:is(${tags}) [part~='submit']) {
    box-sizing: border-box;
    display: block;
    width: 100%;
    min-width: 0;
    max-width: 100%;
    min-height: 2.75rem;
    margin: 0;
    padding: 0.625rem 1rem;
    font: inherit;
    font-weight: 600;
    color: var(--auth-accent-text, #fff);
    background-color: var(--auth-accent, #2f5bea);
    border: 1px solid transparent;
    border-radius: var(--auth-radius, 0.5rem);
    cursor: pointer;
  }

  /* After the rule above: the sign-out button is as wide as its label, not its error message. */
  :where(auth-signout [part~='submit']) {
    justify-self: start;
    width: auto;
  }

  :where(:is(${tags}) [part~='submit']:hover:not(:disabled, [aria-disabled='true'])) {
    filter: brightness(1.1);
  }

  :where(:is(${tags}) :is([part~='submit'], [part~='secondary']):is(:disabled, [aria-disabled='true'])) {
    cursor: progress;
    opacity: 0.65;
  }

  :where(:is(${tags}) [part~='secondary']) {
    justify-self: start;
    max-width: 100%;
    margin: 0;
    padding: 0;
    font: inherit;
    font-size: 0.9375em;
    color: var(--auth-accent, color-mix(in srgb, #2f5bea 70%, currentColor));
    text-decoration: underline;
    text-underline-offset: 0.15em;
    background: none;
    border: 0;
    cursor: pointer;
  }

  /* The show-password button sits under its input's end edge (right, or left in right-to-left text), out of the way of the hint. */
  :where(:is(${tags}) [part~='reveal']) {
    justify-self: end;
  }

  :where(:is(${tags}) [part~='hint']) {
    margin: 0;
    font-size: 0.875em;
    opacity: 0.8;
  }

  :where(:is(${tags}) [part~='error']) {
    margin: 0;
    font-size: 0.9375em;
    color: var(--auth-error, color-mix(in srgb, #d3261b 65%, currentColor));
  }

  :where(:is(${tags}) [part~='error'][role='alert']) {
    padding: 0.625rem 0.75rem;
    border-inline-start: 3px solid var(--auth-error, color-mix(in srgb, #d3261b 65%, currentColor));
    background-color: color-mix(in srgb, var(--auth-error, color-mix(in srgb, #d3261b 65%, currentColor)) 8%, transparent);
    border-radius: 0 var(--auth-radius, 0.5rem) var(--auth-radius, 0.5rem) 0;
  }

  :where(:is(${tags}) [part~='status']) {
    margin: 0;
    padding: 0.625rem 0.75rem;
    color: inherit;
    border-inline-start: 3px solid var(--auth-success, color-mix(in srgb, #1f9d4c 70%, currentColor));
    background-color: color-mix(in srgb, var(--auth-success, color-mix(in srgb, #1f9d4c 70%, currentColor)) 10%, transparent);
    border-radius: 0 var(--auth-radius, 0.5rem) var(--auth-radius, 0.5rem) 0;
  }

  :where(:is(${tags}) [part~='checklist']) {
    display: grid;
    gap: 0.125rem;
    margin: 0;
    padding: 0;
    font-size: 0.875em;
    list-style: none;
  }

  :where(:is(${tags}) [part~='checklist'] > li) {
    display: flex;
    gap: 0.5em;
    align-items: baseline;
    margin: 0;
    padding: 0;
  }

  :where(:is(${tags}) [part~='checklist'] > li > [aria-hidden]) {
    flex: none;
    width: 1em;
    text-align: center;
  }

  :where(:is(${tags}) [part~='checklist'] > li[data-met]) {
    color: var(--auth-success, color-mix(in srgb, #1f9d4c 70%, currentColor));
  }

  /* A live region stays in the accessibility tree but takes no room while it has nothing to say. */
  :where(:is(${tags}) :is([part~='status'], [data-auth-sr]):empty),
  :where(:is(${tags}) [data-auth-sr]) {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
`;
