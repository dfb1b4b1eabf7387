// Human messages for our error codes, from the catalogue: `error.<flow>.<code>` where the flow
// changes what helps, else `error.<code>`. Keyed by code, never by Cognito's English text.
import type { AuthFlow } from '../events.js';
import { isMessageKey, message, type MessageKey, type MessageParams } from '../messages/message.js';
import type { AuthErrorCode } from './cognito-errors.js';

/** The catalogue key for `code` in `flow`. */
export function authErrorKey(code: AuthErrorCode, flow?: string): MessageKey {
  const specific = `error.${flow}.${code}`;
  return flow && isMessageKey(specific) ? specific : (`error.${code}` as MessageKey);
}

/** The human message for `code`, worded for `flow` when that matters. */
export function authErrorMessage(code: AuthErrorCode, flow?: AuthFlow, params?: MessageParams): string {
  return message(authErrorKey(code, flow), params);
}
