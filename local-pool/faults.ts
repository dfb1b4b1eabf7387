// Injected failures for tests: POST /_local/faults {operation?, kind, delayMs?, times?}.

export type FaultKind = 'http-500' | 'throttle' | 'drop' | 'delay';

export interface Fault {
  operation: string | null;
  kind: FaultKind;
  delayMs: number;
  /** Remaining uses; null = until DELETE /_local/faults or reset. */
  times: number | null;
}

const KINDS: FaultKind[] = ['http-500', 'throttle', 'drop', 'delay'];

export class Faults {
  private faults: Fault[] = [];

  /** Validates a request body; returns an error message or the stored fault. */
  add(body: unknown): Fault | string {
    if (!body || typeof body !== 'object' || Array.isArray(body)) return 'body must be a JSON object';
    const { operation, kind, delayMs, times } = body as Record<string, unknown>;
    if (!KINDS.includes(kind as FaultKind)) return `kind must be one of ${KINDS.join(', ')}`;
    if (operation != null && typeof operation !== 'string') return 'operation must be a string';
    if (delayMs != null && (typeof delayMs !== 'number' || !(delayMs >= 0))) return 'delayMs must be a number >= 0';
    if (times != null && (!Number.isInteger(times) || (times as number) < 1)) return 'times must be a positive integer';
    const fault: Fault = {
      // Accept both 'SignUp' and 'AWSCognitoIdentityProviderService.SignUp'.
      operation: typeof operation === 'string' ? operation.replace(/^.*\./, '') : null,
      kind: kind as FaultKind,
      delayMs: (delayMs as number | undefined) ?? 1000,
      times: (times as number | undefined) ?? null,
    };
    this.faults.push(fault);
    return fault;
  }

  /** The first fault matching the operation, consuming one of its uses. */
  take(operation: string): Fault | null {
    const index = this.faults.findIndex((f) => f.operation === null || f.operation === operation);
    if (index < 0) return null;
    const fault = this.faults[index];
    if (fault.times !== null && --fault.times <= 0) this.faults.splice(index, 1);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear() {
    this.faults = [];
  }
}
