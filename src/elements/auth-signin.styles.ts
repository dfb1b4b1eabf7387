// The authenticator set-up's styles (QR code, setup key): <auth-signin>'s set-up step and
// <auth-mfa-settings>, which adopt them when they show a key.
import { css } from 'lit';

export const signinStyles = css`
  :where(:is(auth-signin, auth-mfa-settings) [data-auth-qr]) {
    width: min(12rem, 100%);
    /* Keeps the code's square while it loads, so nothing below it moves. */
    aspect-ratio: 1;
    padding: 0;
  }

  :where(:is(auth-signin, auth-mfa-settings) [data-auth-qr] svg) {
    display: block;
    width: 100%;
    height: auto;
    border-radius: var(--auth-radius, 0.5rem);
  }

  :where(:is(auth-signin, auth-mfa-settings) [data-auth-steps]) {
    margin: 0;
    padding-inline-start: 1.25em;
  }

  :where(:is(auth-signin, auth-mfa-settings) [data-auth-secret]) {
    display: block;
    padding: 0.5rem 0.75rem;
    font-size: 1.0625em;
    letter-spacing: 0.05em;
    word-spacing: 0.25em;
    overflow-wrap: anywhere;
    border: 1px dashed var(--auth-border, color-mix(in srgb, currentColor 60%, transparent));
    border-radius: var(--auth-radius, 0.5rem);
  }

  :where(:is(auth-signin, auth-mfa-settings) [data-auth-actions]) {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1.25rem;
  }

  :where(:is(auth-signin, auth-mfa-settings) p[part~='label']) {
    margin: 0;
  }
`;
