// A page that configures the library in a script after the bundle's (the usual order): the store
// must not report "ready, signed out" before that configure() call, or a members-only gate would
// send a signed-in visitor away. Run in a fresh document (an iframe) that is still loading.
import { expect } from '@open-wc/testing';
import { cognito } from '../../../src/cognito/cognito-client.js';
import { clearStoredSessions, createConfirmedUser, poolConfig } from '../helpers/pool.js';

describe('sessionStore with configuration that arrives after the bundle', () => {
  afterEach(() => {
    clearStoredSessions();
    document.querySelectorAll('iframe').forEach((frame) => frame.remove());
  });

  it('reports the stored user as its first ready state, not a signed-out one', async () => {
    const config = poolConfig({ storage: 'local' });
    const { email, password } = await createConfirmedUser();
    const step = await cognito.signIn(config, email, password);
    expect(step.step).to.equal('done');

    const origin = location.origin;
    const frame = document.createElement('iframe');
    (window as unknown as { lateConfig: unknown }).lateConfig = config;
    // First script: what the bundle does (start the store, here by subscribing and recording).
    // Second script: the page's own configure() call.
    frame.srcdoc = `<!doctype html>
      <script type="module">
        import { sessionStore } from '${origin}/src/session/session-store.ts';
        window.log = [];
        sessionStore.subscribe((state) => window.log.push(state.ready ? (state.user ? state.user.email : 'signed out') : 'not ready'));
        window.readyAtStart = sessionStore.state.ready;
      </script>
      <script type="module">
        import { configure } from '${origin}/src/config/index.ts';
        configure(window.parent.lateConfig);
      </script>`;
    document.body.append(frame);
    const child = () => frame.contentWindow as unknown as { log?: string[]; readyAtStart?: boolean };

    await new Promise<void>((resolve) => {
      const check = () => (child().log?.length ? resolve() : setTimeout(check, 20));
      check();
    });
    expect(child().readyAtStart).to.equal(false);
    expect(child().log![0]).to.equal(email);
  });
});
