// The public API without any element: configuration, the session store and its shortcuts, the
// error type and every public type. Importing it defines no tag, so an app that bundles only the
// elements it uses (`cognito-auth-elements/auth-signin.js`, …) imports this beside them.
import { sessionStore } from './session/session-store.js';

export type { AttributeFieldInput } from './shared/user-attributes.js';
export type { AttributeField } from './cognito/types.js';
export { navigation } from './shared/navigation.js';
export { configure } from './config/index.js';
export type { MessageKey, MessageParams } from './messages/message.js';
export { builtInLocales, type Catalogue } from './messages/locale.js';
export { sessionStore };
export type { SessionState, SessionStore, SessionListener } from './session/session-store.js';
export { AuthError, type AuthErrorCode } from './cognito/cognito-errors.js';
export type { CognitoConfig, CodeDelivery, SessionUser } from './cognito/types.js';
export type * from './events.js';

/** `fetch` with `Authorization: <ID token>` of the signed-in user (the workshop's API style). */
export const authFetch = (url: RequestInfo | URL, init?: RequestInit): Promise<Response> => sessionStore.authFetch(url, init);

/** The signed-in user's ID token (refreshed if expired), or null when signed out. */
export const getIdToken = (): Promise<string | null> => sessionStore.getIdToken();

/**
 * Signs out here, or everywhere with `{ global: true }`; `revoked` is false when the server could not
 * be told; `leaving` when the page is going to the hosted UI's /logout (a hosted-UI session).
 */
export const signOut = (options: { global?: boolean } = {}): Promise<{ revoked: boolean; leaving?: boolean }> => sessionStore.signOut(options);
