// Pieces every hosted UI form uses: the CSRF field, labelled inputs with their error, the links
// between the pages (which carry the authorization request along).
import { html, type Html } from './html.js';

export const csrfField = (token: string) => html`<input type="hidden" name="_csrf" value="${token}" />`;

export interface FieldOptions {
  name: string;
  label: string;
  type: 'email' | 'password' | 'text';
  autocomplete: string;
  value?: string;
  /** The error to show by the field (it is then marked invalid and described by it). */
  error?: string;
  inputmode?: 'numeric';
  autofocus?: boolean;
}

/** A labelled, required input; its error (if any) sits under it and is announced. */
export function field({ name, label, type, autocomplete, value, error, inputmode, autofocus }: FieldOptions): Html {
  const id = `field-${name}`;
  const errorId = `${id}-error`;
  return html`<label for="${id}">${label}</label>
    <input
      id="${id}"
      name="${name}"
      type="${type}"
      autocomplete="${autocomplete}"
      required${value !== undefined ? html` value="${value}"` : ''}${
        inputmode ? html` inputmode="${inputmode}"` : ''
      }${autofocus || error ? html` autofocus` : ''}${error ? html` aria-invalid="true" aria-describedby="${errorId}"` : ''}
    />
    ${error ? html`<p class="error" id="${errorId}" role="alert">${error}</p>` : ''}`;
}

/** An error for the whole form (not one field), announced. */
export const formError = (message: string | undefined, extra?: Html) =>
  message ? html`<p class="error" role="alert">${message}${extra ? html` ${extra}` : ''}</p>` : '';
