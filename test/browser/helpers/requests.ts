// Counts the Cognito requests this page sends, by operation, by wrapping window.fetch (the client
// calls the global fetch on every request). For requests from other tabs, use the pool's own log.

export interface RequestLog {
  /** Operation names (the part after "AWSCognitoIdentityProviderService."), in the order sent. */
  readonly operations: string[];
  /** How many were sent for `operation`. */
  count(operation: string): number;
  /** Puts the real fetch back. */
  stop(): void;
}

export function logCognitoRequests(): RequestLog {
  const realFetch = fetch;
  const operations: string[] = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const target = new Headers(init?.headers).get('X-Amz-Target');
    if (target) operations.push(target.replace(/^.*\./, ''));
    return realFetch(input, init);
  };
  return {
    operations,
    count: (operation) => operations.filter((name) => name === operation).length,
    stop: () => void (window.fetch = realFetch),
  };
}
