// The members page (ride.html): lists the ID token's claims and calls the protected API with the
// ID token. Showing the page only to signed-in users, the email and sign-out are the elements' job
// (<auth-gate>, <auth-user>, <auth-signout>). Only the bundle's public API: sessionStore, authFetch.
import { authFetch, sessionStore } from './cognito-auth-elements.js';

const checking = document.getElementById('checking');
const claimsBody = document.getElementById('claims');
const rideButton = document.getElementById('request-ride');
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
  // Before the store has read the saved session, "no user" means "not known yet". A signed-out
  // visitor is on the way to signin.html (the gate sends them).
  if (!state.ready || !state.user) return;
  renderClaims(state.user.claims);
  checking.hidden = true;
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

sessionStore.subscribe(render);
render(sessionStore.state);
