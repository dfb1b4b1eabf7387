// The demo's configuration, in the Wild Rydes workshop's form: a classic script that sets
// window._config before the elements' module loads, and that every element reads.
//
// It points at the local user pool that `npm start` runs. To use a real Cognito user pool instead,
// put its pool id, app client id and region here and delete the `endpoint` line (README: "Using a
// real user pool"); nothing else changes, the demo server's protected API included.
window._config = {
  cognito: {
    userPoolId: 'us-east-1_LocalPool1',
    userPoolClientId: 'localpoolclient0000000000',
    region: 'us-east-1',
    endpoint: 'http://localhost:9229/',
    // The hosted UI's domain: the local pool serves a Cognito domain's pages on its own URL (a real
    // pool's is <prefix>.auth.<region>.amazoncognito.com). After signing out of a hosted-UI session
    // its /logout returns to the sign-in page (one of the sign-out URLs `npm start` registers).
    domain: 'http://localhost:9229/',
    redirectSignOut: 'signin.html',
    // The name authenticator apps list the account under at TOTP set-up.
    appName: 'Wild Rydes',
  },
  api: {
    // Where the protected ride API lives; '' = this site (the demo server serves /api/ride).
    invokeUrl: '',
  },
};
