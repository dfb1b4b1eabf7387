// ListUsers: Cognito's one-attribute filter, AttributesToGet, and Limit / PaginationToken paging.
// AWS: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUsers.html
// and https://docs.aws.amazon.com/cognito/latest/developerguide/how-to-manage-user-accounts.html#cognito-user-pools-searching-for-users-using-listusers-api
import { invalidParameter } from '../errors.js';
import type { Input } from '../input.js';
import { page, type SortKey } from '../paging.js';
import { checkPoolId, userRecord, type Pool } from '../pool.js';
import { Store, type User } from '../store.js';

/** Listing order: sign-up order, the username breaking ties. Stable, so tokens stay meaningful. */
export const userOrder = (user: User): SortKey => [user.createdAt, Store.key(user.username)];

/** What each searchable attribute reads from a user, and whether it compares ignoring case. */
const SEARCHABLE: Record<string, { read: (user: User) => string | undefined; ignoreCase?: boolean }> = {
  username: { read: (user) => user.username },
  email: { read: (user) => user.attributes.email },
  phone_number: { read: (user) => user.attributes.phone_number },
  name: { read: (user) => user.attributes.name },
  given_name: { read: (user) => user.attributes.given_name },
  family_name: { read: (user) => user.attributes.family_name },
  preferred_username: { read: (user) => user.attributes.preferred_username },
  'cognito:user_status': { read: (user) => user.status, ignoreCase: true },
  status: { read: (user) => (user.enabled ? 'Enabled' : 'Disabled') },
  sub: { read: (user) => user.attributes.sub },
};

/** `name = "value"` or `name ^= "prefix"`; `\"` and `\\` escape inside the quotes. Empty: every user. */
function parseFilter(filter: string): ((user: User) => boolean) | null {
  if (filter.trim() === '') return null;
  const match = /^\s*([\w:]+)\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(filter);
  if (!match) throw invalidParameter('Error while parsing filter.');
  const [, name, operator, quoted] = match;
  const attribute = SEARCHABLE[name];
  // Cognito refuses custom and other unsearchable attributes rather than matching nothing.
  if (!attribute) throw invalidParameter(`Invalid search attribute ${name}: only ${Object.keys(SEARCHABLE).join(', ')} can be searched.`);
  const fold = (text: string) => (attribute.ignoreCase ? text.toLowerCase() : text);
  const wanted = fold(quoted.replace(/\\(.)/g, '$1'));
  return (user) => {
    const value = attribute.read(user);
    if (value === undefined) return false;
    return operator === '=' ? fold(value) === wanted : fold(value).startsWith(wanted);
  };
}

/** AttributesToGet: the names to keep, or null for all of them. */
function attributesToGet(input: Input): Set<string> | null {
  const value = input.body.AttributesToGet;
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || !value.every((name) => typeof name === 'string')) {
    throw invalidParameter("1 validation error detected: Value at 'attributesToGet' failed to satisfy constraint: Member must be a list of strings");
  }
  return new Set(value);
}

export function listUsers(pool: Pool, input: Input) {
  checkPoolId(pool, input.string('UserPoolId'));
  const filter = input.optionalString('Filter');
  if (filter !== undefined && filter.length > 256) {
    throw invalidParameter("1 validation error detected: Value at 'filter' failed to satisfy constraint: Member must have length less than or equal to 256");
  }
  const matches = filter === undefined ? null : parseFilter(filter);
  const keep = attributesToGet(input);
  const users = [...pool.store.users.values()].filter((user) => !matches || matches(user));
  const { items, next } = page(input, 'PaginationToken', users, userOrder);
  return {
    Users: items.map((user) => {
      const record = userRecord(user);
      return keep ? { ...record, Attributes: record.Attributes.filter(({ Name }) => keep.has(Name)) } : record;
    }),
    ...(next ? { PaginationToken: next } : {}),
  };
}
