// Styles only <auth-passkeys> needs: the list of passkeys and the confirmation of a removal.
import { css } from 'lit';

export const passkeysStyles = css`
  /* The list's form while the password prompt is open: the shared form rule would show it. */
  :where(auth-passkeys [part~='form'][hidden]) {
    display: none;
  }

  :where(auth-passkeys [part~='list']) {
    display: grid;
    margin: 0;
    padding: 0;
    list-style: none;
    border-top: 1px solid var(--auth-border, color-mix(in srgb, currentColor 60%, transparent));
  }

  :where(auth-passkeys [part~='item']) {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    gap: 0.25rem 1rem;
    align-items: center;
    margin: 0;
    padding: 0.75rem 0;
    border-bottom: 1px solid var(--auth-border, color-mix(in srgb, currentColor 60%, transparent));
  }

  :where(auth-passkeys [part~='item-name']) {
    font-weight: 600;
  }

  :where(auth-passkeys [part~='item-details']) {
    grid-column: 1;
    font-size: 0.875em;
    opacity: 0.8;
  }

  :where(auth-passkeys [part~='item'] > [part~='secondary']) {
    grid-column: 2;
    grid-row: 1 / span 2;
  }

  :where(auth-passkeys [part~='confirm']) {
    grid-column: 1 / -1;
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1.25rem;
    align-items: center;
    margin-top: 0.5rem;
  }

  :where(auth-passkeys [part~='confirm'] > p) {
    flex: 1 1 100%;
    margin: 0;
  }

  /* Removing is the one destructive button here: a button's shape, in the error colour. */
  :where(auth-passkeys [part~='confirm'] [data-confirm]) {
    padding: 0.5rem 0.875rem;
    font-weight: 600;
    color: var(--auth-error, color-mix(in srgb, #d3261b 65%, currentColor));
    text-decoration: none;
    border: 1px solid currentColor;
    border-radius: var(--auth-radius, 0.5rem);
  }
`;
