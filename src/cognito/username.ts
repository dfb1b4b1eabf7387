// What the person typed -> the pool's username, and Cognito's delivery report -> ours.
import type { DeliveryDetails } from './request.js';
import type { CodeDelivery, CognitoConfig } from './types.js';

/** The pool username for what the person typed (the workshop's `a-at-b.c` style on request). */
export function toUsername(config: CognitoConfig, email: string): string {
  const typed = email.trim();
  // String.replace with a string pattern changes only the first '@', exactly as the workshop does.
  return config.usernameStyle === 'at-to-dash' ? typed.replace('@', '-at-') : typed;
}

/** Where a code went, or null when Cognito did not say (an auto-confirmed sign-up). */
export function toDelivery(details: DeliveryDetails | undefined): CodeDelivery | null {
  if (!details?.Destination) return null;
  const sms = details.DeliveryMedium === 'SMS';
  return {
    destination: details.Destination,
    medium: sms ? 'SMS' : 'EMAIL',
    attribute: details.AttributeName ?? (sms ? 'phone_number' : 'email'),
  };
}
