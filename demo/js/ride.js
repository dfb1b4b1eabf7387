// The members page (ride.html): shows who is signed in, calls the protected API with the ID token,
// signs out. Only the bundle's public API: sessionStore, authFetch, signOut.
import { authFetch, sessionStore, signOut } from './cognito-auth-elements.js';

const members = document.getElementById('members');
const checking = document.getElementById('checking');
const email = document.getElementById('user-email');
const claimsBody = document.getElementById('claims');
const rideButton = document.getElementById('request-ride');
const signOutButton = document.getElementById('sign-out');
const result = document.getElementById('ride-result');

const timeClaims = new Set(['exp', 'iat', 'auth_time']);

function formatClaim(name, value) {
  if (timeClaims.has(name) && typeof value === 'number') {
    return `${value} (${new Date(value * 1000).toLocaleString()})`;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function renderClaims(claims) {
  const rows = Object.keys(claims)
    .sort()
    .map((name) => {
      const row = document.createElement('tr');
      const key = document.createElement('th');
      key.scope = 'row';
      key.textContent = name;
      const value = document.createElement('td');
      value.textContent = formatClaim(name, claims[name]);
      row.append(key, value);
      return row;
    });
  claimsBody.replaceChildren(...rows);
}

function render(state) {
  // Before the store has read the saved session, "no user" means "not known yet".
  if (!state.ready) return;
  if (!state.user) {
    location.replace('signin.html');
    return;
  }
  email.textContent = state.user.email ?? state.user.username;
  renderClaims(state.user.claims);
  checking.hidden = true;
  members.hidden = false;
}

function showResult(kind, title, details) {
  const heading = document.createElement('p');
  heading.className = `result-title ${kind}`;
  heading.textContent = title;
  const body = document.createElement('pre');
  body.textContent = JSON.stringify(details, null, 2);
  result.replaceChildren(heading, body);
}

async function requestRide() {
  rideButton.disabled = true;
  result.replaceChildren();
  try {
    const apiBase = window._config?.api?.invokeUrl ?? '';
    const response = await authFetch(`${apiBase}/api/ride`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      // The workshop's request body; the demo API does not need the location.
      body: JSON.stringify({ PickupLocation: { Latitude: 47.6174755835663, Longitude: -122.28837066650185 } }),
    });
    const answer = await response.json();
    if (response.ok) {
      showResult('success', `${answer.Unicorn.Name} is on the way, arriving in ${answer.Eta}.`, answer);
    } else {
      showResult('error', `The API refused: ${answer.reason ?? response.status}.`, answer);
    }
  } catch (err) {
    showResult('error', 'The request failed.', { message: String(err?.message ?? err) });
  } finally {
    rideButton.disabled = false;
  }
}

rideButton.addEventListener('click', requestRide);
signOutButton.addEventListener('click', async () => {
  signOutButton.disabled = true;
  // The store notifies render(), which sends the now signed-out visitor to signin.html.
  await signOut();
});

sessionStore.subscribe(render);
render(sessionStore.state);
