// Styles only <auth-signin> needs: the authenticator set-up step (QR code, setup key).
import { css } from 'lit';

export const signinStyles = css`
  :where(auth-signin [data-auth-qr]) {
    width: min(12rem, 100%);
    /* Keeps the code's square while it loads, so nothing below it moves. */
    aspect-ratio: 1;
    padding: 0;
  }

  :where(auth-signin [data-auth-qr] svg) {
    display: block;
    width: 100%;
    height: auto;
    border-radius: var(--auth-radius, 0.5rem);
  }

  :where(auth-signin [data-auth-steps]) {
    margin: 0;
    padding-left: 1.25em;
  }

  :where(auth-signin [data-auth-secret]) {
    display: block;
    padding: 0.5rem 0.75rem;
    font-size: 1.0625em;
    letter-spacing: 0.05em;
    word-spacing: 0.25em;
    overflow-wrap: anywhere;
    border: 1px dashed var(--auth-border, color-mix(in srgb, currentColor 60%, transparent));
    border-radius: var(--auth-radius, 0.5rem);
  }

  :where(auth-signin [data-auth-actions]) {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1.25rem;
  }

  :where(auth-signin p[part~='label']) {
    margin: 0;
  }
`;
