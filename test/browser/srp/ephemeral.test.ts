import { expect } from '@open-wc/testing';
import { modPow } from '../../../src/cognito/srp/bigint.js';
import { prepareEphemeral, prepareEphemeralWhenIdle, takeEphemeral } from '../../../src/cognito/srp/ephemeral.js';
import { g, N } from '../../../src/cognito/srp/srp-client.js';

describe('ephemeral SRP pairs', () => {
  it('draws a fresh secret of at most 512 bits with A = g^a mod N', () => {
    const first = prepareEphemeral();
    const second = prepareEphemeral();
    expect(first.a).to.not.equal(second.a);
    expect(first.a.toString(2).length).to.be.at.most(512);
    // 64 random bytes: fewer than 480 bits happens with probability 2^-32.
    expect(first.a.toString(2).length).to.be.above(480);
    expect(first.A).to.equal(modPow(g, first.a, N));
  });

  it('hands a prepared pair out once, then computes fresh ones', async () => {
    prepareEphemeralWhenIdle();
    prepareEphemeralWhenIdle(); // a second request does not queue a second pair
    const prepared = await takeEphemeral();
    const next = await takeEphemeral();
    const after = await takeEphemeral();
    expect(new Set([prepared.a, next.a, after.a]).size).to.equal(3);
  });
});
