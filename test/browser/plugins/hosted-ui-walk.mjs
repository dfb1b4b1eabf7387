// The hosted UI's pages walked from Node, as a browser would walk them, for the browser tests: a
// test page cannot leave itself for the pool's /login, and a cross-origin fetch with
// redirect: 'manual' hides the redirect's Location from the page. The walk keeps cookies per
// `browser` name (so a second walk with the same name resumes the hosted UI's session, as a
// returning browser does), follows redirects, and submits each HTML page's form with the next
// entry of `forms`, until a redirect leaves for `stopAt` (the app's callback URL).
//
//   executeServerCommand('hosted-ui-walk', { url, stopAt, forms: [{ username, password }], browser? })
//     -> { url } (where the walk was sent: the callback with ?code or ?error), or
//        { status, page } (an HTML page the walk had no more form entries for).

const jars = new Map();

function cookieHeader(jar) {
  return [...jar.entries()].map(([name, value]) => `${name}=${value}`).join('; ');
}

function keepCookies(jar, response) {
  for (const line of response.headers.getSetCookie()) {
    const [pair, ...attributes] = line.split(';');
    const [name, ...value] = pair.split('=');
    const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute) || /^\s*expires=Thu, 01 Jan 1970/i.test(attribute));
    if (expired) jar.delete(name.trim());
    else jar.set(name.trim(), value.join('=').trim());
  }
}

const unescape = (text) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const attribute = (tag, name) => {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? unescape(match[1]) : null;
};

/** The page's POST forms: action and fields (hidden ones with their values, the rest by name). */
function formsOf(page) {
  return [...page.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)]
    .filter(([, tag]) => /method="post"/i.test(tag))
    .map(([, tag, body]) => {
      const hidden = {};
      const visible = [];
      for (const [input] of body.matchAll(/<input\b[^>]*>/g)) {
        const name = attribute(input, 'name');
        if (!name) continue;
        if (attribute(input, 'type') === 'hidden') hidden[name] = attribute(input, 'value') ?? '';
        else visible.push(name);
      }
      return { action: attribute(tag, 'action') ?? '', hidden, visible };
    });
}

/** The form to fill: one with a visible input for the entry's first field, else one whose hidden fields the entry names, else the first. */
function pick(forms, entry) {
  const names = Object.keys(entry);
  return forms.find((form) => names.length && form.visible.includes(names[0])) ?? forms.find((form) => names.some((name) => name in form.hidden)) ?? forms[0];
}

export async function walk({ url, stopAt, forms = [], browser = 'default' }) {
  if (!jars.has(browser)) jars.set(browser, new Map());
  const jar = jars.get(browser);
  const entries = [...forms];
  let request = { url, method: 'GET', body: undefined };
  for (let hops = 0; hops < 20; hops++) {
    const response = await fetch(request.url, {
      method: request.method,
      body: request.body,
      redirect: 'manual',
      headers: {
        cookie: cookieHeader(jar),
        ...(request.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...(request.origin ? { origin: request.origin } : {}),
      },
    });
    keepCookies(jar, response);
    const location = response.headers.get('location');
    if (location) {
      const next = new URL(location, request.url).href;
      await response.arrayBuffer();
      if (next.startsWith(stopAt)) return { url: next };
      request = { url: next, method: 'GET' };
      continue;
    }
    const page = await response.text();
    const entry = entries.shift();
    const form = entry && pick(formsOf(page), entry);
    if (!form) return { status: response.status, page };
    const body = new URLSearchParams({ ...form.hidden, ...entry });
    request = { url: new URL(form.action, request.url).href, method: 'POST', body: String(body), origin: new URL(request.url).origin };
  }
  throw new Error('hosted-ui-walk: more than 20 hops');
}

export function hostedUiWalkPlugin() {
  return {
    name: 'hosted-ui-walk',
    async executeCommand({ command, payload }) {
      if (command === 'hosted-ui-walk') return walk(payload);
      if (command === 'hosted-ui-forget') {
        jars.delete(payload?.browser ?? 'default');
        return true;
      }
      return undefined;
    },
  };
}
