// The render floor: what any Lit + amazon-cognito-identity-js implementation of the three forms
// pays before its first render. Lit, the SDK's sign-in classes as published, and three bare forms
// (register, verify, sign in) with the same inputs as ours, rendered into the light DOM like ours.
// No styles, no validation, no messages. run.ts bundles and minifies it like dist/ and loads it
// the same way as the drop-in file.
import { html, LitElement } from 'lit';
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';

const config = window._config.cognito;
const pool = new CognitoUserPool({ UserPoolId: config.userPoolId, ClientId: config.userPoolClientId, endpoint: config.endpoint });
const fields = (event) => {
  event.preventDefault();
  return Object.fromEntries(new FormData(event.target));
};
const report = (type) => (err, result) => document.dispatchEvent(new CustomEvent(type, { detail: err ?? result }));

class FloorForm extends LitElement {
  createRenderRoot() {
    return this;
  }
}

customElements.define(
  'floor-register',
  class extends FloorForm {
    render() {
      return html`<form @submit=${this.submit}>
        <input name="email" type="email" autocomplete="email" required />
        <input name="password" type="password" autocomplete="new-password" required />
        <button>Create account</button>
      </form>`;
    }
    submit(event) {
      const { email, password } = fields(event);
      pool.signUp(email, password, [{ Name: 'email', Value: email }], [], report('floor-registered'));
    }
  },
);

customElements.define(
  'floor-verify',
  class extends FloorForm {
    render() {
      return html`<form @submit=${this.submit}>
        <input name="email" type="email" autocomplete="email" required />
        <input name="code" inputmode="numeric" autocomplete="one-time-code" required />
        <button>Verify</button>
      </form>`;
    }
    submit(event) {
      const { email, code } = fields(event);
      new CognitoUser({ Username: email, Pool: pool }).confirmRegistration(code, true, report('floor-verified'));
    }
  },
);

customElements.define(
  'floor-signin',
  class extends FloorForm {
    render() {
      return html`<form @submit=${this.submit}>
        <input name="username" type="email" autocomplete="username" required />
        <input name="password" type="password" autocomplete="current-password" required />
        <button>Sign in</button>
      </form>`;
    }
    submit(event) {
      const { username, password } = fields(event);
      const done = report('floor-signed-in');
      new CognitoUser({ Username: username, Pool: pool }).authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
        onSuccess: (session) => done(null, session),
        onFailure: (err) => done(err),
      });
    }
  },
);
