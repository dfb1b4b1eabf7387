// Where "sent" codes go: GET /_local/messages, and the console unless quiet.

/** 'sign-in-code': a USER_AUTH one-time code (EMAIL_OTP or SMS_OTP first factor); 'email-mfa': email MFA. */
export type MessageKind = 'sign-up' | 'forgot-password' | 'sms-mfa' | 'email-mfa' | 'sign-in-code' | 'temporary-password' | 'verify-attribute';

export interface Message {
  to: string;
  channel: 'email' | 'sms';
  kind: MessageKind;
  /** The 6-digit code, or the temporary password for 'temporary-password'. */
  code: string;
  sentAt: string;
}

export class Mailbox {
  private messages: Message[] = [];

  constructor(private readonly quiet: boolean) {}

  send(to: string, channel: Message['channel'], kind: MessageKind, code: string) {
    this.messages.push({ to, channel, kind, code, sentAt: new Date().toISOString() });
    if (!this.quiet) console.log(`[local-pool] ${channel} to ${to}: ${kind} ${kind === 'temporary-password' ? 'password' : 'code'} ${code}`);
  }

  /** All messages, oldest first; `to` matches case-insensitively. */
  list(to?: string | null): Message[] {
    if (!to) return [...this.messages];
    const wanted = to.toLowerCase();
    return this.messages.filter((m) => m.to.toLowerCase() === wanted);
  }

  clear() {
    this.messages = [];
  }
}

/** j***@e***.com, as Cognito masks a CodeDeliveryDetails destination. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${local[0] ?? ''}***@${host[0] ?? ''}***${tld}`;
}

/** +*******1234 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/^\+/, '');
  return '+' + '*'.repeat(Math.max(0, digits.length - 4)) + digits.slice(-4);
}
