// Helpers for elements that follow the session: sign a real user in through the adapter and hand
// the session to the store, wait for a store state, and act as another tab (a same-origin iframe
// sharing localStorage) signing in or out with the SDK directly.
import { cognito } from '../../../src/cognito/cognito-client.js';
import type { SessionUser } from '../../../src/cognito/types.js';
import { sessionStore, type SessionState } from '../../../src/session/session-store.js';
import { createConfirmedUser, localPool, poolConfig } from './pool.js';

/** Creates a confirmed user in the default pool, signs them in and records it in the store. */
export async function signInNewUser(): Promise<{ email: string; password: string; user: SessionUser }> {
  const config = poolConfig();
  const { email, password } = await createConfirmedUser(undefined, undefined, config);
  const step = await cognito.signIn(config, email, password);
  if (step.step !== 'done') throw new Error(`expected sign-in to finish, got ${step.step}`);
  sessionStore.signedIn(step.user);
  return { email, password, user: step.user };
}

/** Resolves with the first state (current or later) that satisfies `predicate`. */
export function stateWhere(predicate: (state: SessionState) => boolean): Promise<SessionState> {
  if (predicate(sessionStore.state)) return Promise.resolve(sessionStore.state);
  return new Promise((resolve) => {
    const stop = sessionStore.subscribe((state) => {
      if (predicate(state)) {
        stop();
        resolve(state);
      }
    });
  });
}

export type Frame = Window & { eval(code: string): unknown };

/**
 * Another tab or the next page: a same-origin document with its own realm (its own module
 * instances and globals), sharing localStorage, sessionStorage and Web Locks with this page.
 */
export async function sameOriginFrame(title = 'another tab'): Promise<Frame> {
  const iframe = document.createElement('iframe');
  iframe.srcdoc = `<!doctype html><title>${title}</title>`;
  const loaded = new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
  document.body.append(iframe);
  await loaded;
  return iframe.contentWindow as Frame;
}

/** Imports a module (a path on the test server) inside `frame`. */
export function importIn<T>(frame: Pick<Frame, 'eval'>, path: string): Promise<T> {
  return frame.eval(`import(${JSON.stringify(new URL(path, location.origin).href)})`) as Promise<T>;
}

interface Sdk {
  CognitoUserPool: new (data: object) => { getCurrentUser(): { signOut(): void } | null };
  CognitoUser: new (data: object) => { authenticateUser(details: object, callbacks: object): void };
  AuthenticationDetails: new (data: object) => object;
}

/** Another tab: a same-origin document with its own copy of the SDK, sharing localStorage. */
export async function otherTab(): Promise<{ signIn(email: string, password: string): Promise<void>; signOut(): Promise<void> }> {
  const sdk = await importIn<Sdk>(await sameOriginFrame(), '/build/vendor/amazon-cognito-identity-js.js');
  const { poolId, clientId, url } = localPool();
  const pool = new sdk.CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: url });
  return {
    async signIn(email, password) {
      const user = new sdk.CognitoUser({ Username: email, Pool: pool });
      await new Promise((resolve, reject) =>
        user.authenticateUser(new sdk.AuthenticationDetails({ Username: email, Password: password }), {
          onSuccess: resolve,
          onFailure: reject,
        }),
      );
    },
    signOut() {
      pool.getCurrentUser()?.signOut();
      return Promise.resolve();
    },
  };
}

/** Removes the iframes otherTab() added. */
export function closeOtherTabs(): void {
  document.querySelectorAll('iframe').forEach((frame) => frame.remove());
}
