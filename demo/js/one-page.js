// The one-page composition (one-page.html): logs every auth-* event any element fires, and shows
// the session. Events bubble and are composed, so one listener on document hears them all.
import { sessionStore, signOut } from './cognito-auth-elements.js';

const eventNames = [
  'auth-registered',
  'auth-verified',
  'auth-code-resent',
  'auth-signed-in',
  'auth-verification-required',
  'auth-signed-out',
  'auth-reset-code-sent',
  'auth-password-reset',
  'auth-error',
];

const log = document.getElementById('event-log');
const empty = document.getElementById('log-empty');
const sessionLine = document.getElementById('session-line');

function logEvent(event) {
  const entry = document.createElement('li');
  entry.className = event.type === 'auth-error' ? 'error' : '';
  const time = document.createElement('time');
  const now = new Date();
  time.dateTime = now.toISOString();
  time.textContent = now.toLocaleTimeString();
  const name = document.createElement('strong');
  name.textContent = event.type;
  const source = document.createElement('span');
  source.className = 'muted';
  source.textContent = `from <${event.target.localName}>`;
  const detail = document.createElement('code');
  detail.textContent = JSON.stringify(event.detail);
  entry.append(time, ' ', name, ' ', source, detail);
  log.prepend(entry);
  empty.hidden = true;
}

for (const name of eventNames) document.addEventListener(name, logEvent);

document.getElementById('clear-log').addEventListener('click', () => {
  log.replaceChildren();
  empty.hidden = false;
});

function renderSession({ ready, user }) {
  if (!ready) return;
  if (!user) {
    sessionLine.replaceChildren('Not signed in.');
    return;
  }
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button secondary small';
  button.textContent = 'Sign out';
  button.addEventListener('click', () => signOut());
  const who = document.createElement('strong');
  who.textContent = user.email ?? user.username;
  sessionLine.replaceChildren('Signed in as ', who, '. ', button);
}

sessionStore.subscribe(renderSession);
renderSession(sessionStore.state);
