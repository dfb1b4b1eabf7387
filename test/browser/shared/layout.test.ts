// Long unbreakable words stay inside their box. An email address is one word to the line breaker
// ("You are signed in as one1796111531316…@example.com."): without overflow-wrap, and with grid
// tracks and buttons that refuse to shrink below their content, it pushed the message, the inputs
// and the buttons out of a phone-width card. Each case renders in a 320 px box and checks that no
// part of the element reaches past the box's right edge.
// And the inputs' default edge is visible enough: 3:1 against the page (WCAG 1.4.11).
import { expect, fixture, fixtureCleanup } from '@open-wc/testing';
import { cognito } from '../../../src/cognito/cognito-client.js';
import { configure } from '../../../src/config/index.js';
import '../../../src/elements/auth-register.js';
import '../../../src/elements/auth-signin.js';
import '../../../src/elements/auth-signout.js';
import '../../../src/elements/auth-user.js';
import '../../../src/elements/auth-verify.js';
import { sessionStore } from '../../../src/session/session-store.js';
import { configured, settled } from '../helpers/form.js';
import { clearStoredSessions, createConfirmedUser, poolConfig } from '../helpers/pool.js';
import { stateWhere } from '../helpers/session.js';

const width = 320;

/** An address of 60 characters with no hyphen or space: nowhere a line may break by default. */
function longEmail(): string {
  const stamp = `${Date.now()}${Math.random().toString(36).slice(2, 8)}`;
  return `one${stamp}${'x'.repeat(60 - 3 - stamp.length - '@example.com'.length)}@example.com`;
}

/** Signs a new user with a long address in and records the session in the store. */
async function signInLongEmailUser(): Promise<string> {
  const config = poolConfig();
  const { email, password } = await createConfirmedUser(longEmail());
  const step = await cognito.signIn(config, email, password);
  if (step.step !== 'done') throw new Error(`expected sign-in to finish, got ${step.step}`);
  sessionStore.signedIn(step.user);
  return email;
}

/** `markup` inside a box `width` px wide, rendered and settled. */
async function inNarrowBox(markup: string): Promise<{ box: HTMLElement; el: HTMLElement }> {
  const box = await fixture<HTMLElement>(`<div style="width: ${width}px; font: 16px/1.4 sans-serif">${markup}</div>`);
  const el = box.firstElementChild as HTMLElement;
  await settled(el);
  return { box, el };
}

/** Every box (the element, its light-DOM descendants, its shadow root's) that ends right of `box`. */
function overflowing(box: HTMLElement, el: HTMLElement): string[] {
  const right = box.getBoundingClientRect().right + 0.5;
  const nodes = [el, ...el.querySelectorAll('*'), ...(el.shadowRoot?.querySelectorAll('*') ?? [])];
  const out: string[] = [];
  for (const node of nodes) {
    // Inline text: each line box of it; blocks: their border box.
    for (const rect of node.getClientRects()) {
      if (rect.right > right) {
        const part = node.getAttribute('part');
        out.push(`${node.localName}${part ? `[part="${part}"]` : ''} ends at ${Math.round(rect.right)} px, the box at ${Math.round(right)} px`);
        break;
      }
    }
  }
  return out;
}

describe('long words in a narrow box', () => {
  before(() => {
    clearStoredSessions();
    configure(poolConfig());
  });

  afterEach(async () => {
    fixtureCleanup();
    await sessionStore.signOut();
    clearStoredSessions();
    sessionStore.setPendingEmail(null);
  });

  for (const tag of ['auth-signin', 'auth-register'] as const) {
    it(`<${tag}>'s "signed in as" note wraps a long email`, async () => {
      const email = await signInLongEmailUser();
      const { box, el } = await inNarrowBox(configured(tag, 'next="ride.html"'));
      const status = el.querySelector<HTMLElement>('[part~="status"]')!;
      expect(status.textContent).to.contain(email);
      expect(overflowing(box, el)).to.deep.equal([]);
      // Wrapped, not cut: the message takes more than one line.
      expect(status.getBoundingClientRect().height).to.be.greaterThan(40);
    });
  }

  it('<auth-verify> pre-filled with a long email keeps its input, button and links inside', async () => {
    sessionStore.setPendingEmail(longEmail());
    const { box, el } = await inNarrowBox(configured('auth-verify'));
    await stateWhere((state) => state.ready);
    await settled(el);
    expect(el.querySelector<HTMLInputElement>('[name="email"]')!.value).to.match(/^one/);
    expect(overflowing(box, el)).to.deep.equal([]);
  });

  it('<auth-user> showing a long email wraps inside the text around it', async () => {
    await signInLongEmailUser();
    const box = await fixture<HTMLElement>(
      `<p style="width: ${width}px; font: 16px/1.4 sans-serif">Signed in as <strong><auth-user attribute="email"></auth-user></strong>.</p>`,
    );
    const user = box.querySelector<HTMLElement>('auth-user')!;
    await settled(user);
    expect(user.shadowRoot!.textContent).to.match(/one\d/);
    expect(overflowing(box, user)).to.deep.equal([]);
  });

  it('<auth-signout> with a long label keeps its button inside', async () => {
    const email = await signInLongEmailUser();
    const { box, el } = await inNarrowBox(`<auth-signout>Sign out ${email}</auth-signout>`);
    expect(el.hidden).to.equal(false);
    expect(overflowing(box, el)).to.deep.equal([]);
  });
});

/** [r, g, b, alpha] of a computed colour: Chromium writes rgb()/rgba(), or color(srgb …) for color-mix(). */
function rgba(css: string): [number, number, number, number] {
  const rgb = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(css);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), rgb[4] === undefined ? 1 : Number(rgb[4])];
  const srgb = /^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.]+))?\)$/.exec(css);
  if (srgb) return [Number(srgb[1]) * 255, Number(srgb[2]) * 255, Number(srgb[3]) * 255, srgb[4] === undefined ? 1 : Number(srgb[4])];
  throw new Error(`unexpected colour syntax: ${css}`);
}

/** WCAG 2 relative luminance of an sRGB colour (0-255 channels). */
function luminance([r, g, b]: number[]): number {
  const linear = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** The contrast ratio of `css` (possibly translucent) drawn over the opaque `background`. */
function contrastOver(css: string, background: string): number {
  const [r, g, b, a] = rgba(css);
  const under = rgba(background);
  const drawn = [r, g, b].map((c, i) => c * a + under[i] * (1 - a));
  const [light, dark] = [luminance(drawn), luminance(under)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

describe("the inputs' default border", () => {
  before(() => configure(poolConfig()));
  afterEach(() => fixtureCleanup());

  // The browser's default text colour, and the dark greys pages often use for body text.
  for (const text of ['black', '#333', '#444']) {
    it(`has 3:1 or more against white, with ${text} text`, async () => {
      const box = await fixture<HTMLElement>(`<div style="background: #fff; color: ${text}">${configured('auth-signin')}</div>`);
      const el = box.firstElementChild as HTMLElement;
      await settled(el);
      const input = el.querySelector<HTMLInputElement>('[part~="input"]')!;
      const border = getComputedStyle(input).borderTopColor;
      const ratio = contrastOver(border, getComputedStyle(box).backgroundColor);
      expect(ratio, `border ${border}`).to.be.at.least(3);
    });
  }
});
