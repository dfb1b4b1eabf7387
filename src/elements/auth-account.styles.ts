// Styles only <auth-account> needs: the jump list and the sections, each holding one account element.
import { css } from 'lit';

// (Comments inside css`` ship, so the reasons are here.) A section's own headings, the h3s of
// <auth-devices>, sit a step below the section's h2 rather than taking its size.

export const accountStyles = css`
  :where(auth-account) {
    display: block;
    max-width: 40rem;
    font-family: var(--auth-font, inherit);
    line-height: 1.4;
    overflow-wrap: anywhere;
  }

  :where(auth-account [part~='jump'] > ul) {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1.25rem;
    margin: 0 0 1.5rem;
    padding: 0;
    list-style: none;
  }

  :where(auth-account [part~='jump-link']) {
    color: var(--auth-accent, color-mix(in srgb, #2f5bea 70%, currentColor));
    text-underline-offset: 0.15em;
  }

  :where(auth-account [part~='section']) {
    display: grid;
    gap: 0.75rem;
    padding: 1.25rem 0;
    border-top: 1px solid var(--auth-border, color-mix(in srgb, currentColor 60%, transparent));
  }

  :where(auth-account h2[part~='heading']) {
    margin: 0;
    font-size: 1.25em;
  }

  :where(auth-account h3[part~='heading']) {
    margin: 1em 0 0.25em;
    font-size: 1em;
  }

  :where(auth-account [part~='heading']:focus) {
    outline: none;
  }

  :where(auth-account [part~='hint']) {
    margin: 0;
  }
`;
