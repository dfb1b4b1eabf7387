// User pool groups: CreateGroup, GetGroup, ListGroups, UpdateGroup, DeleteGroup and membership.
// AWS: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateGroup.html
// (and API_GetGroup, API_ListGroups, API_UpdateGroup, API_DeleteGroup, API_AdminAddUserToGroup,
// API_AdminRemoveUserFromGroup, API_AdminListGroupsForUser, API_ListUsersInGroup).
import { err, invalidParameter } from '../errors.js';
import type { Input } from '../input.js';
import { page } from '../paging.js';
import { checkPoolId, userDoesNotExist, userRecord, type Pool } from '../pool.js';
import { newGroup, type Group, type User } from '../store.js';
import { userOrder } from './list-users.js';

const GROUP_NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;
// The RoleArn pattern from Cognito's input model.
const ROLE_ARN = /^arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?$/;
const MAX_PRECEDENCE = 2 ** 31 - 1;

const groupNotFound = () => err('ResourceNotFoundException', 'Group not found.');

function validation(value: unknown, field: string, constraint: string) {
  return invalidParameter(`1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: ${constraint}`);
}

function groupName(input: Input): string {
  const name = input.string('GroupName');
  if (name.length > 128) throw validation(name, 'groupName', 'Member must have length less than or equal to 128');
  if (!GROUP_NAME.test(name)) throw validation(name, 'groupName', 'Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+');
  return name;
}

/** Description, RoleArn and Precedence as given (undefined when absent), checked against the model. */
function groupFields(input: Input) {
  const description = input.optionalString('Description');
  if (description !== undefined && description.length > 2048) {
    throw validation(description, 'description', 'Member must have length less than or equal to 2048');
  }
  const roleArn = input.optionalString('RoleArn');
  if (roleArn !== undefined) {
    if (roleArn.length < 20) throw validation(roleArn, 'roleArn', 'Member must have length greater than or equal to 20');
    if (roleArn.length > 2048 || !ROLE_ARN.test(roleArn)) {
      throw validation(roleArn, 'roleArn', `Member must satisfy regular expression pattern: ${ROLE_ARN.source.slice(1, -1)}`);
    }
  }
  const precedence = input.optionalInteger('Precedence');
  if (precedence !== undefined && precedence < 0) throw validation(precedence, 'precedence', 'Member must have value greater than or equal to 0');
  if (precedence !== undefined && precedence > MAX_PRECEDENCE) {
    throw validation(precedence, 'precedence', `Member must have value less than or equal to ${MAX_PRECEDENCE}`);
  }
  return { description, roleArn, precedence };
}

/** GroupType: optional members left out when unset; dates in epoch seconds. */
export function groupRecord(pool: Pool, group: Group) {
  return {
    GroupName: group.name,
    UserPoolId: pool.config.poolId,
    ...(group.description !== null ? { Description: group.description } : {}),
    ...(group.roleArn !== null ? { RoleArn: group.roleArn } : {}),
    ...(group.precedence !== null ? { Precedence: group.precedence } : {}),
    LastModifiedDate: group.modifiedAt / 1000,
    CreationDate: group.createdAt / 1000,
  };
}

function existingGroup(pool: Pool, input: Input): Group {
  checkPoolId(pool, input.string('UserPoolId'));
  const group = pool.store.groups.get(groupName(input));
  if (!group) throw groupNotFound();
  return group;
}

function existingUser(pool: Pool, input: Input): User {
  const user = pool.store.find(input.string('Username'));
  if (!user) throw userDoesNotExist();
  return user;
}

export async function createGroup(pool: Pool, input: Input) {
  checkPoolId(pool, input.string('UserPoolId'));
  const name = groupName(input);
  const fields = groupFields(input);
  if (pool.store.groups.has(name)) throw err('GroupExistsException', `A group with the name ${name} already exists.`);
  const group = newGroup(name, fields);
  pool.store.addGroup(group);
  await pool.store.save();
  return { Group: groupRecord(pool, group) };
}

export function getGroup(pool: Pool, input: Input) {
  return { Group: groupRecord(pool, existingGroup(pool, input)) };
}

export function listGroups(pool: Pool, input: Input) {
  checkPoolId(pool, input.string('UserPoolId'));
  const { items, next } = page(input, 'NextToken', [...pool.store.groups.values()], (group) => [group.name]);
  return { Groups: items.map((group) => groupRecord(pool, group)), ...(next ? { NextToken: next } : {}) };
}

/** Changes the fields given and keeps the others. */
export async function updateGroup(pool: Pool, input: Input) {
  const group = existingGroup(pool, input);
  const { description, roleArn, precedence } = groupFields(input);
  if (description !== undefined) group.description = description;
  if (roleArn !== undefined) group.roleArn = roleArn;
  if (precedence !== undefined) group.precedence = precedence;
  group.modifiedAt = Date.now();
  await pool.store.save();
  return { Group: groupRecord(pool, group) };
}

export async function deleteGroup(pool: Pool, input: Input) {
  pool.store.removeGroup(existingGroup(pool, input));
  await pool.store.save();
  return {};
}

export async function adminAddUserToGroup(pool: Pool, input: Input) {
  const group = existingGroup(pool, input);
  const user = existingUser(pool, input);
  if (pool.store.addMember(group, user)) await pool.store.save();
  return {};
}

/** Removing a user who is not a member is no error, as in Cognito. */
export async function adminRemoveUserFromGroup(pool: Pool, input: Input) {
  const group = existingGroup(pool, input);
  const user = existingUser(pool, input);
  pool.store.removeMember(group, user);
  await pool.store.save();
  return {};
}

/** The user's groups in precedence order (as in their tokens), paged with NextToken. */
export function adminListGroupsForUser(pool: Pool, input: Input) {
  checkPoolId(pool, input.string('UserPoolId'));
  const user = existingUser(pool, input);
  // Groups without a precedence last, as groupsOf orders them (a key a token can carry in JSON).
  const { items, next } = page(input, 'NextToken', pool.store.groupsOf(user), (group) => [group.precedence ?? MAX_PRECEDENCE + 1, group.name]);
  return { Groups: items.map((group) => groupRecord(pool, group)), ...(next ? { NextToken: next } : {}) };
}

export function listUsersInGroup(pool: Pool, input: Input) {
  const group = existingGroup(pool, input);
  const { items, next } = page(input, 'NextToken', pool.store.membersOf(group), userOrder);
  return { Users: items.map(userRecord), ...(next ? { NextToken: next } : {}) };
}
