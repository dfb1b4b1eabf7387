// Counts the Cognito requests a page sends, by operation, by wrapping its window.fetch (the client
// calls the global fetch on every request): this page's, or a same-origin frame's standing in for
// another tab.

export interface RequestLog {
  /** Operation names (the part after "AWSCognitoIdentityProviderService."), in the order sent. */
  readonly operations: string[];
  /** How many were sent for `operation`. */
  count(operation: string): number;
  /** The JSON bodies sent for `operation`, in order. */
  bodies(operation: string): Array<Record<string, unknown>>;
  /** Puts the real fetch back. */
  stop(): void;
}

export function logCognitoRequests(target: Window = window, operations: string[] = []): RequestLog {
  const realFetch = target.fetch.bind(target);
  const sent: Array<{ operation: string; body: Record<string, unknown> }> = [];
  target.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const target = new Headers(init?.headers).get('X-Amz-Target');
    if (target) {
      const operation = target.replace(/^.*\./, '');
      operations.push(operation);
      sent.push({ operation, body: typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : {} });
    }
    return realFetch(input, init);
  };
  return {
    operations,
    count: (operation) => operations.filter((name) => name === operation).length,
    bodies: (operation) => sent.filter((entry) => entry.operation === operation).map((entry) => entry.body),
    stop: () => void (target.fetch = realFetch),
  };
}
