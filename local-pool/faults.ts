// Injected failures for tests: POST /_local/faults {operation?, kind, delayMs?, body?, status?, times?}.

export type FaultKind = 'http-500' | 'throttle' | 'drop' | 'delay' | 'answer';

export interface Fault {
  operation: string | null;
  kind: FaultKind;
  delayMs: number;
  /** 'answer' only: the JSON object sent instead of running the operation. */
  body?: Record<string, unknown>;
  /** 'answer' only: its HTTP status (200 unless given). */
  status?: number;
  /** Remaining uses; null = until DELETE /_local/faults or reset. */
  times: number | null;
}

const KINDS: FaultKind[] = ['http-500', 'throttle', 'drop', 'delay', 'answer'];

const isObject = (value: unknown): value is Record<string, unknown> => Boolean(value) && typeof value === 'object' && !Array.isArray(value);

export class Faults {
  private faults: Fault[] = [];

  /** Validates a request body; returns an error message or the stored fault. */
  add(request: unknown): Fault | string {
    if (!isObject(request)) return 'body must be a JSON object';
    const { operation, kind, delayMs, body, status, times } = request;
    if (!KINDS.includes(kind as FaultKind)) return `kind must be one of ${KINDS.join(', ')}`;
    if (operation != null && typeof operation !== 'string') return 'operation must be a string';
    if (delayMs != null && (typeof delayMs !== 'number' || !(delayMs >= 0))) return 'delayMs must be a number >= 0';
    if (times != null && (!Number.isInteger(times) || (times as number) < 1)) return 'times must be a positive integer';
    // A body or status on another kind would be silently ignored: say so instead.
    if (kind !== 'answer' && (body != null || status != null)) return 'body and status are only for kind answer';
    if (kind === 'answer') {
      if (!isObject(body)) return 'kind answer needs body, a JSON object (the answer sent as is)';
      if (status != null && (!Number.isInteger(status) || (status as number) < 200 || (status as number) > 599)) {
        return 'status must be an integer from 200 to 599';
      }
    }
    const fault: Fault = {
      // Accept both 'SignUp' and 'AWSCognitoIdentityProviderService.SignUp'.
      operation: typeof operation === 'string' ? operation.replace(/^.*\./, '') : null,
      kind: kind as FaultKind,
      delayMs: (delayMs as number | undefined) ?? 1000,
      ...(kind === 'answer' ? { body: body as Record<string, unknown>, status: (status as number | undefined) ?? 200 } : {}),
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
