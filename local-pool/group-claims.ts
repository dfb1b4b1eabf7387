// The group claims Cognito puts in tokens. AWS:
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateGroup.html (Precedence)
// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html
import type { Group } from './store.js';

/**
 * The role of the highest-priority group that has one. Groups without a precedence rank below
 * any with one; when the first rank holds different roles, "neither group takes precedence"
 * and Cognito sets no preferred role.
 */
function preferredRole(groups: Group[]): string | undefined {
  const withRole = groups.filter((group): group is Group & { roleArn: string } => group.roleArn !== null);
  if (withRole.length === 0) return undefined;
  const rank = withRole[0].precedence;
  const roles = new Set(withRole.filter((group) => group.precedence === rank).map((group) => group.roleArn));
  return roles.size === 1 ? withRole[0].roleArn : undefined;
}

/** ID token: cognito:groups, and cognito:roles / cognito:preferred_role when a group has a role. `groups` in precedence order. */
export function idTokenGroupClaims(groups: Group[]): Record<string, unknown> {
  if (groups.length === 0) return {};
  const roles = [...new Set(groups.map((group) => group.roleArn).filter((role): role is string => role !== null))];
  const preferred = preferredRole(groups);
  return {
    'cognito:groups': groups.map((group) => group.name),
    ...(roles.length ? { 'cognito:roles': roles } : {}),
    ...(preferred ? { 'cognito:preferred_role': preferred } : {}),
  };
}

/** Access token: cognito:groups only. */
export function accessTokenGroupClaims(groups: Group[]): Record<string, unknown> {
  return groups.length === 0 ? {} : { 'cognito:groups': groups.map((group) => group.name) };
}
