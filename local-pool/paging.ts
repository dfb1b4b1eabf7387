// Cognito's list paging: Limit 0..60 (0 or none means 60) and an opaque token for the next page.
// A token names the last item returned, not an offset, so users added or deleted between two
// calls neither repeat nor skip the others (what ListUsers' PaginationToken promises).
import { invalidParameter } from './errors.js';
import type { Input } from './input.js';

export const MAX_LIMIT = 60;

/** Sort key of a listed item: compared element by element. */
export type SortKey = (string | number)[];

function compare(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** The Limit field, checked as Cognito's model does (min 0, max 60). */
export function limitOf(input: Input): number {
  const limit = input.optionalInteger('Limit');
  if (limit === undefined || limit === 0) return MAX_LIMIT;
  if (limit < 0)
    throw invalidParameter(
      `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 0`,
    );
  if (limit > MAX_LIMIT) {
    throw invalidParameter(
      `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to ${MAX_LIMIT}`,
    );
  }
  return limit;
}

const encode = (key: SortKey) => Buffer.from(JSON.stringify({ after: key })).toString('base64url');

function decode(token: string, field: string): SortKey {
  try {
    const { after } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { after?: unknown };
    if (Array.isArray(after) && after.every((part) => typeof part === 'string' || typeof part === 'number')) return after;
  } catch {
    // Falls through to the refusal below.
  }
  throw invalidParameter(`Invalid ${field}.`);
}

/**
 * One page of `items` in `keyOf` order, starting after the item the token (read from `field`,
 * PaginationToken or NextToken) names; the token for the next page only when more remain.
 */
export function page<T>(input: Input, field: string, items: T[], keyOf: (item: T) => SortKey): { items: T[]; next: string | undefined } {
  const limit = limitOf(input);
  const token = input.optionalString(field);
  const sorted = items.map((item) => ({ item, key: keyOf(item) })).sort((a, b) => compare(a.key, b.key));
  const after = token === undefined ? null : decode(token, field);
  const rest = after ? sorted.filter(({ key }) => compare(key, after) > 0) : sorted;
  const taken = rest.slice(0, limit);
  const next = rest.length > limit ? encode(taken[taken.length - 1].key) : undefined;
  return { items: taken.map(({ item }) => item), next };
}
