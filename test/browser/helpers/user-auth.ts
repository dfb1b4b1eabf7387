// Helpers for the choice-based sign-in and passkey tests: narrowing a step, and the AuthError a
// call rejects with.
import { expect } from '@open-wc/testing';
import { AuthError } from '../../../src/cognito/cognito-errors.js';
import type { UserAuthStep } from '../../../src/cognito/types.js';

/** Asserts that `step` is `name`, and narrows it. */
export function expectStep<S extends UserAuthStep['step']>(step: UserAuthStep, name: S): Extract<UserAuthStep, { step: S }> {
  expect(step.step).to.equal(name);
  return step as Extract<UserAuthStep, { step: S }>;
}

/** The AuthError `promise` rejects with; fails the test if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<AuthError> {
  try {
    await promise;
  } catch (err) {
    expect(err).to.be.instanceOf(AuthError);
    return err as AuthError;
  }
  throw new Error('expected the call to fail');
}
