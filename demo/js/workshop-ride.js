// workshop-ride.html: the Wild Rydes ride page written the workshop's way, with
// amazon-cognito-identity-js and no elements. It shows that a page still on the SDK sees a
// session started by <auth-signin>, and that its sign-out is seen by <auth-gate> on ride.html.
//
// In the style of the workshop's js/cognito-auth.js and js/ride.js (aws-samples/aws-serverless-
// workshops, WebApplication/1_StaticWebHosting/website/js/; Apache-2.0): the same SDK calls
// (CognitoUserPool, getCurrentUser, getSession, signOut) and the same request, Authorization: <ID
// token>. Written anew here for the demo's page, without jQuery.
import { CognitoUserPool } from '../vendor/amazon-cognito-identity-js.js';

const { cognito, api } = window._config;

// As the workshop, plus `endpoint`: the SDK talks to the local pool that config.js names (with no
// endpoint, the SDK uses cognito-idp.<region>.amazonaws.com, as for a real pool).
const userPool = new CognitoUserPool({
  UserPoolId: cognito.userPoolId,
  ClientId: cognito.userPoolClientId,
  ...(cognito.endpoint ? { endpoint: cognito.endpoint } : {}),
});

const checking = document.getElementById('checking');
const signedOut = document.getElementById('signed-out');
const signedOutReason = document.getElementById('signed-out-reason');
const members = document.getElementById('members');
const emailOut = document.getElementById('sdk-email');
const rideButton = document.getElementById('request-ride');
const signOutButton = document.getElementById('sign-out');
const result = document.getElementById('ride-result');

/**
 * The workshop's WildRydes.authToken, read afresh on every call: the signed-in user's valid
 * session (getSession refreshes expired tokens with the refresh token), or null when there is none.
 */
function currentSession() {
  const cognitoUser = userPool.getCurrentUser();
  if (!cognitoUser) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    cognitoUser.getSession((err, session) => {
      if (err) reject(err);
      else resolve(session && session.isValid() ? { cognitoUser, session } : null);
    });
  });
}

function showResult(kind, title, details) {
  const heading = document.createElement('p');
  heading.className = `result-title ${kind}`;
  heading.textContent = title;
  const body = document.createElement('pre');
  body.textContent = JSON.stringify(details, null, 2);
  result.replaceChildren(heading, body);
}

function showSignedOut(reason) {
  checking.hidden = true;
  members.hidden = true;
  signedOutReason.textContent = reason;
  signedOut.hidden = false;
}

async function requestUnicorn() {
  rideButton.disabled = true;
  result.replaceChildren();
  try {
    const current = await currentSession();
    if (!current) {
      showSignedOut('The SDK no longer finds a session (signed out in another tab?).');
      return;
    }
    // As the workshop's requestUnicorn: the raw ID token in Authorization, no "Bearer ".
    const response = await fetch(`${api?.invokeUrl ?? ''}/api/ride`, {
      method: 'POST',
      headers: { Authorization: current.session.getIdToken().getJwtToken(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ PickupLocation: { Latitude: 47.6174755835663, Longitude: -122.28837066650185 } }),
    });
    const answer = await response.json();
    if (response.ok) {
      const { Name, Color, Gender } = answer.Unicorn;
      showResult('success', `${Name}, your ${Color} unicorn, is on ${Gender === 'Male' ? 'his' : 'her'} way.`, answer);
    } else {
      showResult('error', `The API refused: ${answer.reason ?? response.status}.`, answer);
    }
  } catch (err) {
    showResult('error', 'The request failed.', { message: String(err?.message ?? err) });
  } finally {
    rideButton.disabled = false;
  }
}

async function signOut() {
  signOutButton.disabled = true;
  const current = await currentSession().catch(() => null);
  const cognitoUser = current?.cognitoUser ?? userPool.getCurrentUser();
  if (!cognitoUser) {
    window.location.href = 'signin.html';
    return;
  }
  // The workshop calls signOut() with no callback, which only forgets the tokens in this browser.
  // With a callback the SDK also revokes the refresh token first; the tokens are forgotten either way.
  cognitoUser.signOut((err) => {
    if (err) cognitoUser.signOut();
    window.location.href = 'signin.html';
  });
}

async function start() {
  let current;
  try {
    current = await currentSession();
  } catch (err) {
    showSignedOut(`The SDK could not read the session: ${err?.message ?? err}`);
    return;
  }
  if (!current) {
    showSignedOut('The SDK found no signed-in user in this browser.');
    return;
  }
  emailOut.textContent = current.session.getIdToken().payload.email ?? current.cognitoUser.getUsername();
  checking.hidden = true;
  members.hidden = false;
}

rideButton.addEventListener('click', requestUnicorn);
signOutButton.addEventListener('click', signOut);
start();
