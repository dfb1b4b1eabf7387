// What an app that bundles the package writes: the two elements it uses, and the API entry for
// the configuration. The test's server answers /pool.json with the local pool's address.
import 'cognito-auth-elements/auth-signin.js';
import 'cognito-auth-elements/auth-user.js';
import { configure, sessionStore } from 'cognito-auth-elements/api.js';

const pool = await (await fetch('/pool.json')).json();
configure({ userPoolId: pool.poolId, userPoolClientId: pool.clientId, endpoint: pool.url });
window.consumer = { sessionStore };
