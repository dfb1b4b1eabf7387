import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { sessionStore, type SessionState } from './session-store.js';

/**
 * Re-renders its host whenever the session store changes (sign-in, sign-out, another tab, the
 * pending email). `state` is the store's current state.
 */
export class SessionController implements ReactiveController {
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** The store's current state. */
  get state(): SessionState {
    return sessionStore.state;
  }

  hostConnected(): void {
    this.unsubscribe = sessionStore.subscribe(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}
