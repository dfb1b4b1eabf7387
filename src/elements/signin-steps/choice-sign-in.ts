// <auth-signin methods>'s moves between steps: what follows each answer of choice-based sign-in
// (the offered methods narrowed to the site's, a single one taken at once, a passkey asked for at
// once), choosing a method, the passkey button, and "Send a new code" with its cool-down. The
// element routes submits and renders; this decides where an answer leads.
import type { ReactiveControllerHost } from 'lit';
import { authError } from '../../cognito/cognito-errors.js';
import { cognito } from '../../cognito/cognito-client.js';
import type { CognitoConfig, SignInMethod, UserAuthStep } from '../../cognito/types.js';
import type { AuthFlow } from '../../events.js';
import { message } from '../../messages/message.js';
import type { BusyAction } from '../../shared/auth-form-element.js';
import { Cooldown } from '../../shared/cooldown.js';
import type { ChoiceContext, ChoiceStep } from './choice-steps.js';
import type { StepContext } from './step-context.js';

/** What the element lends: its state, its one-request-at-a-time runner, and where a step is shown. */
export interface ChoiceSignInHost {
  /** The site's methods (the `methods` attribute), in its order. */
  methods(): SignInMethod[];
  /** The email the sign-in is for. */
  email(): string;
  /** The step on screen. */
  step(): { step: string };
  /** Seconds "Send a new code" waits after each code. */
  resendCooldown(): number;
  /** Runs one request (nothing while another is in flight); resolves to whether it succeeded. */
  run(flow: AuthFlow, task: (config: CognitoConfig) => Promise<void>, action?: BusyAction): Promise<boolean>;
  /** Shows the next step, or stores the session when done. */
  finish(result: UserAuthStep, config: CognitoConfig): void;
  setStatus(text: string): void;
}

export class ChoiceSignIn {
  private readonly cooldown: Cooldown;

  constructor(
    element: ReactiveControllerHost,
    private readonly host: ChoiceSignInHost,
  ) {
    this.cooldown = new Cooldown(element);
  }

  /**
   * The next step after an answer: the offered methods narrowed to the site's (one is taken at
   * once), a passkey asked for at once, anything else shown.
   */
  async after(result: UserAuthStep, config: CognitoConfig): Promise<void> {
    if (result.step === 'select') {
      const offered = this.host.methods().filter((method) => result.methods.includes(method));
      if (!offered.length) throw authError('unsupported-challenge', { key: 'signin.no-method' });
      if (offered.length > 1) return this.host.finish({ ...result, methods: offered }, config);
      return this.after(await cognito.chooseSignInMethod(config, result.pending, offered[0]), config);
    }
    if (result.step === 'email-code' || result.step === 'sms-code') this.cooldown.start(this.host.resendCooldown());
    this.host.finish(result, config);
    if (result.step === 'passkey') this.host.finish(await cognito.answerPasskey(config, result.pending), config);
  }

  /** What the choice steps' views get besides the shared step context. */
  context(ctx: StepContext, step: ChoiceStep): ChoiceContext {
    return {
      ...ctx,
      email: this.host.email(),
      choose: (method) => this.choose(step, method),
      resendCode: () => this.resendCode(step),
      usePasskey: () => this.usePasskey(step),
      resendWait: this.cooldown.remaining,
      waitingForPasskey: ctx.busy && step.step === 'passkey',
    };
  }

  private choose(step: ChoiceStep, method: SignInMethod): void {
    if (step.step !== 'select' || this.host.step() !== step) return;
    void this.host.run('signin', async (config) => this.after(await cognito.chooseSignInMethod(config, step.pending, method), config));
  }

  private usePasskey(step: ChoiceStep): void {
    if (step.step !== 'passkey' || this.host.step() !== step) return;
    void this.host.run('signin', async (config) => this.host.finish(await cognito.answerPasskey(config, step.pending), config));
  }

  /** Cognito has no resend for sign-in codes: the sign-in starts again, asking for the same method. */
  private resendCode(step: ChoiceStep): void {
    if ((step.step !== 'email-code' && step.step !== 'sms-code') || this.host.step() !== step || this.cooldown.remaining) return;
    const method = step.step;
    void this.host.run(
      'signin',
      async (config) => {
        await this.after(await cognito.startUserAuth(config, this.host.email(), method), config);
        this.host.setStatus(message('signin.code.resent'));
      },
      'resend',
    );
  }
}
