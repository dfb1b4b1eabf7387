// The mailbox page (mailbox.html): lists the codes the local pool "sent", newest first, refreshing
// every few seconds. Built with DOM APIs only: addresses come from whoever registered, so they are
// text, never markup.
const refreshMs = 3000;
const kinds = {
  'sign-up': 'Verification code',
  'forgot-password': 'Password reset code',
  'sms-mfa': 'Sign-in code (SMS)',
  'temporary-password': 'Temporary password',
};

const endpoint = window._config?.cognito?.endpoint;
const list = document.getElementById('messages');
const empty = document.getElementById('mailbox-empty');
const status = document.getElementById('mailbox-status');
const filter = document.getElementById('mailbox-filter');

let messages = [];
let lastBody = '';

function messageItem(message) {
  const item = document.createElement('li');
  item.className = 'message';

  const head = document.createElement('div');
  head.className = 'message-head';
  const kind = document.createElement('span');
  kind.className = 'message-kind';
  kind.textContent = kinds[message.kind] ?? message.kind;
  const sent = document.createElement('time');
  sent.dateTime = message.sentAt;
  sent.textContent = new Date(message.sentAt).toLocaleString();
  head.append(kind, sent);

  const to = document.createElement('p');
  to.className = 'message-to';
  to.textContent = `To ${message.to}${message.channel === 'sms' ? ' (SMS)' : ''}`;

  const codeRow = document.createElement('div');
  codeRow.className = 'message-code';
  const code = document.createElement('code');
  code.textContent = message.code;
  codeRow.append(code);
  if (navigator.clipboard) {
    const copy = document.createElement('button');
    copy.type = 'button';
    copy.className = 'button secondary small';
    copy.textContent = 'Copy';
    copy.setAttribute('aria-label', `Copy code ${message.code}`);
    copy.addEventListener('click', async () => {
      await navigator.clipboard.writeText(message.code);
      copy.textContent = 'Copied';
    });
    codeRow.append(copy);
  }

  item.append(head, to, codeRow);
  return item;
}

function render() {
  const wanted = filter.value.trim().toLowerCase();
  const shown = messages.filter((message) => !wanted || message.to.toLowerCase().includes(wanted)).sort((a, b) => b.sentAt.localeCompare(a.sentAt));
  list.replaceChildren(...shown.map(messageItem));
  empty.hidden = shown.length > 0;
  empty.firstChild.textContent = messages.length && wanted ? `No messages for “${filter.value.trim()}”. ` : 'No messages yet. ';
}

async function refresh() {
  try {
    const response = await fetch(new URL('_local/messages', endpoint));
    if (!response.ok) throw new Error(`the pool answered ${response.status}`);
    const body = await response.text();
    status.textContent = `Updated ${new Date().toLocaleTimeString()} · refreshes every ${refreshMs / 1000} s`;
    // Re-render only on news, so a refresh does not take the focus off a Copy button.
    if (body === lastBody) return;
    lastBody = body;
    messages = JSON.parse(body);
    render();
  } catch (err) {
    status.textContent = `Could not reach the local pool at ${endpoint} (${err.message}). Is npm start running?`;
  }
}

filter.addEventListener('input', render);

if (endpoint) {
  refresh();
  setInterval(refresh, refreshMs);
} else {
  status.textContent = 'js/config.js names no endpoint: a real user pool emails its codes, so there is no mailbox.';
}
