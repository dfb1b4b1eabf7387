// The live password checklist of <auth-register>'s kind, as a controller, so every form that sets
// a password (reset, forced new password) shows the same rules and announces them the same way.
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { inSentence, message } from '../messages/message.js';
import { checkPassword, hasOuterSpace, parsePolicy, summarize, type PasswordPolicy } from './password-policy.js';

// Announce the checklist's summary once typing pauses, not on every keystroke.
const ANNOUNCE_AFTER_MS = 1200;

/** A host that states the pool's policy with `password-min-length` and `password-require`. */
export interface PolicyHost extends ReactiveControllerHost {
  passwordMinLength?: number;
  passwordRequire?: string;
}

export class PasswordChecklist implements ReactiveController {
  private password = '';
  private announcement = '';
  private timer?: ReturnType<typeof setTimeout>;
  private cached?: { key: string; policy: PasswordPolicy };

  constructor(
    private readonly host: PolicyHost,
    /** The checklist's id (the password input is described by it). */
    readonly id: string,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
  }

  private get policy(): PasswordPolicy {
    const { passwordMinLength, passwordRequire } = this.host;
    const key = `${passwordMinLength}|${passwordRequire}`;
    if (this.cached?.key !== key) this.cached = { key, policy: parsePolicy(passwordMinLength, passwordRequire) };
    return this.cached.policy;
  }

  /** The password input's `input` handler. */
  readonly handleInput = (event: InputEvent): void => {
    this.password = (event.target as HTMLInputElement).value;
    this.host.requestUpdate();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.announcement = summarize(checkPassword(this.policy, this.password));
      this.host.requestUpdate();
    }, ANNOUNCE_AFTER_MS);
  };

  /** Forgets what was typed (a new form). */
  reset(): void {
    this.password = '';
    this.announcement = '';
    clearTimeout(this.timer);
  }

  /** What is wrong with `password`, for the field's error; undefined when it is fine. */
  problem(password: string): string | undefined {
    if (!password) return message('check.password.choose');
    const unmet = checkPassword(this.policy, password).filter((rule) => !rule.met);
    if (unmet.length) return message('check.password.needs', { rules: unmet.map((r) => inSentence(r.label)).join(', ') });
    return hasOuterSpace(password) ? message('check.password.outer-space') : undefined;
  }

  // The outer-space rule is listed only once it is broken: it is rare, and a list of what a
  // password must not be would crowd out what it must be.
  private rules() {
    const rules = checkPassword(this.policy, this.password);
    if (hasOuterSpace(this.password)) rules.push({ rule: 'outer-space', label: message('checklist.no-outer-space'), met: false });
    return rules;
  }

  render(): TemplateResult {
    return html`
      <ul part="checklist" id=${this.id} aria-label=${message('checklist.label')}>
        ${this.rules().map(
          (rule) => html`
            <li ?data-met=${rule.met}>
              <span aria-hidden="true">${rule.met ? '✓' : '○'}</span>
              <span>${rule.label}<span data-auth-sr>${rule.met ? message('checklist.met') : message('checklist.unmet')}</span></span>
            </li>
          `,
        )}
      </ul>
      <p data-auth-sr aria-live="polite">${this.announcement}</p>
    `;
  }
}
