// The app client's sign-in flows (ExplicitAuthFlows), the pool's first factors
// (Policies.SignInPolicy.AllowedFirstAuthFactors) and MFA factors, and what each user can use.
// AWS: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
// and https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SignInPolicyType.html
import { invalidParameter } from './errors.js';

export const EXPLICIT_AUTH_FLOWS = [
  'ALLOW_USER_AUTH',
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_CUSTOM_AUTH',
] as const;
export type ExplicitAuthFlow = (typeof EXPLICIT_AUTH_FLOWS)[number];

/** Every flow but custom authentication, which needs Lambda triggers the local pool does not run. */
export const DEFAULT_AUTH_FLOWS: ExplicitAuthFlow[] = EXPLICIT_AUTH_FLOWS.filter((flow) => flow !== 'ALLOW_CUSTOM_AUTH');

/** SOFTWARE_TOKEN is an MFA factor only; Cognito refuses it here. */
export const FIRST_AUTH_FACTORS = ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'] as const;
export type FirstAuthFactor = (typeof FIRST_AUTH_FACTORS)[number];

/** The MFA factors the pool offers (its SMS, software token and email MFA configurations). */
export const MFA_FACTORS = ['TOTP', 'SMS', 'EMAIL'] as const;
export type MfaFactor = (typeof MFA_FACTORS)[number];

/** A comma list of known names, upper-cased; `what` names the option in the error. */
export function checkedList<T extends string>(what: string, given: readonly string[], known: readonly T[]): T[] {
  const names = given.map((name) => name.trim().toUpperCase()).filter(Boolean);
  for (const name of names) {
    if (!(known as readonly string[]).includes(name)) throw new Error(`${what}: unknown "${name}" (use ${known.join(', ')})`);
  }
  return [...new Set(names)] as T[];
}

/**
 * The flow each InitiateAuth AuthFlow needs in the client's ExplicitAuthFlows, and Cognito's refusal
 * when it is missing. The USER_PASSWORD_AUTH and USER_AUTH wordings are Cognito's; the others follow
 * the same pattern.
 */
const FLOW_NEEDS: Record<string, { allow: ExplicitAuthFlow; message: string }> = {
  USER_AUTH: { allow: 'ALLOW_USER_AUTH', message: 'USER_AUTH flow not enabled for this client' },
  USER_SRP_AUTH: { allow: 'ALLOW_USER_SRP_AUTH', message: 'USER_SRP_AUTH is not enabled for the client.' },
  USER_PASSWORD_AUTH: { allow: 'ALLOW_USER_PASSWORD_AUTH', message: 'USER_PASSWORD_AUTH flow not enabled for this client' },
  REFRESH_TOKEN_AUTH: { allow: 'ALLOW_REFRESH_TOKEN_AUTH', message: 'REFRESH_TOKEN_AUTH flow not enabled for this client' },
  REFRESH_TOKEN: { allow: 'ALLOW_REFRESH_TOKEN_AUTH', message: 'REFRESH_TOKEN_AUTH flow not enabled for this client' },
  CUSTOM_AUTH: { allow: 'ALLOW_CUSTOM_AUTH', message: 'CUSTOM_AUTH flow not enabled for this client' },
  ADMIN_USER_PASSWORD_AUTH: { allow: 'ALLOW_ADMIN_USER_PASSWORD_AUTH', message: 'Auth flow not enabled for this client' },
  ADMIN_NO_SRP_AUTH: { allow: 'ALLOW_ADMIN_USER_PASSWORD_AUTH', message: 'Auth flow not enabled for this client' },
};

/**
 * InvalidParameterException unless the app client lists the flow `authFlow` needs. Takes the
 * pool by shape: options.ts imports this module, and its types ship to users, who must not need
 * the pool's internals (and their jose types) to compile.
 */
export function checkFlowAllowed(pool: { config: { explicitAuthFlows: readonly ExplicitAuthFlow[] } }, authFlow: string) {
  const need = FLOW_NEEDS[authFlow];
  if (need && !pool.config.explicitAuthFlows.includes(need.allow)) throw invalidParameter(need.message);
}
