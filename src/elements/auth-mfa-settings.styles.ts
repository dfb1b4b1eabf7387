// <auth-mfa-settings>'s own styles: the factors as rows (name, state, then the buttons), in its
// chunk rather than the drop-in file. Zero specificity, as every style of ours: the page wins.
import { css } from 'lit';

export const mfaSettingsStyles = css`
  :where(auth-mfa-settings [part~='factors']) {
    display: grid;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  :where(auth-mfa-settings [part~='factor']) {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 1rem;
    padding: 0.75rem 0;
    border-top: 1px solid color-mix(in srgb, currentColor 20%, transparent);
  }

  :where(auth-mfa-settings [part~='factor']:last-child) {
    border-bottom: 1px solid color-mix(in srgb, currentColor 20%, transparent);
  }

  :where(auth-mfa-settings [part~='factor-name']) {
    font-weight: 600;
  }

  :where(auth-mfa-settings [part~='factor-state']) {
    flex: 1;
  }

  :where(auth-mfa-settings [part~='factor'] [part~='hint']) {
    flex-basis: 100%;
    margin: 0;
  }
`;
