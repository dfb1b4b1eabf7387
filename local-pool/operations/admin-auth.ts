// Server-side sign-in: AdminInitiateAuth and AdminRespondToAuthChallenge. The same flows,
// challenges and lockout as InitiateAuth / RespondToAuthChallenge, plus the pool id.
// AWS: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminInitiateAuth.html
// and https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminRespondToAuthChallenge.html
import { checkFlowAllowed } from '../auth-factors.js';
import { invalidParameter } from '../errors.js';
import type { Input } from '../input.js';
import { checkClient, checkPoolId, type Pool } from '../pool.js';
import { passwordAuth, respondToAuthChallenge, startSrp } from './auth.js';
import { refreshTokenAuth } from './refresh.js';
import { userAuth } from './user-auth.js';

const FLOWS = [
  'USER_SRP_AUTH',
  'REFRESH_TOKEN_AUTH',
  'REFRESH_TOKEN',
  'CUSTOM_AUTH',
  'ADMIN_NO_SRP_AUTH',
  'USER_PASSWORD_AUTH',
  'ADMIN_USER_PASSWORD_AUTH',
  'USER_AUTH',
];

export function adminInitiateAuth(pool: Pool, input: Input) {
  const flow = input.string('AuthFlow');
  if (!FLOWS.includes(flow)) {
    throw invalidParameter(
      `1 validation error detected: Value '${flow}' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [${FLOWS.join(', ')}]`,
    );
  }
  checkPoolId(pool, input.string('UserPoolId'));
  checkClient(pool, input.string('ClientId'));
  const params = input.map('AuthParameters');
  // The app client's ExplicitAuthFlows, as for InitiateAuth (ALLOW_ADMIN_USER_PASSWORD_AUTH for the admin flow).
  checkFlowAllowed(pool, flow);
  switch (flow) {
    // ADMIN_NO_SRP_AUTH is the flow's older name; Cognito still takes it.
    case 'ADMIN_USER_PASSWORD_AUTH':
    case 'ADMIN_NO_SRP_AUTH':
      return passwordAuth(pool, params);
    // A server may run SRP too: the PASSWORD_VERIFIER answer goes to AdminRespondToAuthChallenge.
    case 'USER_SRP_AUTH':
      return startSrp(pool, params);
    case 'REFRESH_TOKEN_AUTH':
    case 'REFRESH_TOKEN':
      return refreshTokenAuth(pool, params);
    // Choice-based sign-in from a server: the same challenges, answered with AdminRespondToAuthChallenge.
    case 'USER_AUTH':
      return userAuth(pool, params, input.optionalString('Session'));
    // The client-side password flow belongs to InitiateAuth.
    case 'USER_PASSWORD_AUTH':
      throw invalidParameter('Initiate Auth method not supported.');
    default:
      // CUSTOM_AUTH, allowed: it runs Lambda triggers, which the local pool has not.
      throw invalidParameter('Custom auth lambda trigger is not configured for the user pool.');
  }
}

/** The pool id checked, then every challenge exactly as RespondToAuthChallenge answers it. */
export function adminRespondToAuthChallenge(pool: Pool, input: Input) {
  checkPoolId(pool, input.string('UserPoolId'));
  return respondToAuthChallenge(pool, input);
}
