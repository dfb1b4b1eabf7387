// The request log for tests and benchmarks: GET /_local/requests[?operation=Name].
import type { ServerResponse } from 'node:http';

export interface LoggedRequest {
  /** The X-Amz-Target operation, without the service prefix. */
  operation: string;
  /** When the request arrived (ISO 8601). */
  at: string;
  /** The HTTP status answered; 0 while unanswered, and for ever if no answer came (a drop fault, a client that hung up). */
  status: number;
}

interface Entry {
  operation: string;
  at: string;
  /** Until the connection is done with it: its status is read from here, so an answer counts the moment it is written. */
  response: ServerResponse | null;
  status: number;
}

/** Enough for any test run; a long-running pool keeps only the newest. */
export const REQUEST_LOG_LIMIT = 10_000;

export class RequestLog {
  private entries: Entry[] = [];

  constructor(private readonly limit = REQUEST_LOG_LIMIT) {}

  /** Records an operation request as it arrives, oldest first; its status follows its answer. */
  record(operation: string, response: ServerResponse) {
    const entry: Entry = { operation: operation.replace(/^.*\./, ''), at: new Date().toISOString(), response, status: 0 };
    response.once('close', () => {
      entry.status = statusOf(response);
      entry.response = null;
    });
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }

  /** Oldest first; `operation` may carry the service prefix, as X-Amz-Target does. */
  list(operation?: string | null): LoggedRequest[] {
    const name = operation ? operation.replace(/^.*\./, '') : null;
    return this.entries
      .filter((entry) => name === null || entry.operation === name)
      .map((entry) => ({ operation: entry.operation, at: entry.at, status: entry.response ? statusOf(entry.response) : entry.status }));
  }

  clear() {
    this.entries = [];
  }
}

const statusOf = (response: ServerResponse) => (response.headersSent ? response.statusCode : 0);
