// Counts the Cognito requests a page sends, by operation, by wrapping its window.fetch (the client
// calls the global fetch on every request): this page's, or a same-origin frame's standing in for
// another tab.

export interface RequestLog {
  /** Operation names (the part after "AWSCognitoIdentityProviderService."), in the order sent. */
  readonly operations: string[];
  /** How many were sent for `operation`. */
  count(operation: string): number;
  /** Puts the real fetch back. */
  stop(): void;
}

export function logCognitoRequests(target: Window = window, operations: string[] = []): RequestLog {
  const realFetch = target.fetch.bind(target);
  target.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const target = new Headers(init?.headers).get('X-Amz-Target');
    if (target) operations.push(target.replace(/^.*\./, ''));
    return realFetch(input, init);
  };
  return {
    operations,
    count: (operation) => operations.filter((name) => name === operation).length,
    stop: () => void (target.fetch = realFetch),
  };
}
