// The bundle entry and the library's public API. Importing it defines every element; a page that
// includes dist/cognito-auth-elements.js needs nothing else.
import { sessionStore } from './session/session-store.js';

export { AuthRegister } from './elements/auth-register.js';
export { AuthVerify } from './elements/auth-verify.js';
export { AuthSignin, type SigninStepState } from './elements/auth-signin.js';
export { AuthForgotPassword } from './elements/auth-forgot-password.js';
export { AuthSignout } from './elements/auth-signout.js';
export { AuthUser } from './elements/auth-user.js';
export { AuthGate } from './elements/auth-gate.js';
export type { AttributeFieldInput } from './shared/user-attributes.js';
export type { AttributeField } from './cognito/types.js';
export { navigation } from './shared/navigation.js';
export { configure } from './config/index.js';
export { sessionStore };
export { AuthError, type AuthErrorCode } from './cognito/cognito-errors.js';
export type { CognitoConfig, CodeDelivery, SessionUser } from './cognito/types.js';
export type * from './events.js';

/** `fetch` with `Authorization: <ID token>` of the signed-in user (the workshop's API style). */
export const authFetch = (url: RequestInfo | URL, init?: RequestInit): Promise<Response> =>
  sessionStore.authFetch(url, init);

/** The signed-in user's ID token (refreshed if expired), or null when signed out. */
export const getIdToken = (): Promise<string | null> => sessionStore.getIdToken();

/** Signs out here, or everywhere with `{ global: true }`; `revoked` is false when the server could not be told. */
export const signOut = (options: { global?: boolean } = {}): Promise<{ revoked: boolean }> => sessionStore.signOut(options);
