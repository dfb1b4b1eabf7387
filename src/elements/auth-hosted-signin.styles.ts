// Styles only the hosted-UI buttons need: an outlined button with the provider's logo (the
// brands' own guidelines ask for their logo on a neutral button), and the group under a sign-in form.
import { css } from 'lit';

export const hostedSigninStyles = css`
  :where(auth-hosted-signin [part~='provider']) {
    display: flex;
    align-items: center;
    justify-content: center;
    gap: 0.625rem;
    color: inherit;
    background-color: transparent;
    border-color: var(--auth-border, color-mix(in srgb, currentColor 60%, transparent));
  }

  :where(auth-hosted-signin [part~='icon']) {
    flex: none;
    width: 1.25rem;
    height: 1.25rem;
  }

  :where(auth-signin [data-auth-providers]) {
    display: grid;
    gap: 0.75rem;
    max-width: var(--auth-max-width, 24rem);
    margin-top: var(--auth-gap, 1rem);
  }

  :where(auth-signin [data-auth-or]) {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    margin: 0;
    font-size: 0.9375em;
  }

  :where(auth-signin [data-auth-or])::before,
  :where(auth-signin [data-auth-or])::after {
    content: '';
    flex: 1;
    border-top: 1px solid var(--auth-border, color-mix(in srgb, currentColor 60%, transparent));
  }
`;
