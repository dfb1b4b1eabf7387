// Our SRP against the SDK's own code, on the same inputs: its AuthenticationHelper step by step for
// vectors chosen to hit every padding case, and its whole authenticateUser flow (requests, stored
// tokens, callbacks) with a scripted server, a fixed clock and fixed randomness.
import { expect } from '@open-wc/testing';
import * as sdkModule from 'amazon-cognito-identity-js';
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type IAuthenticationCallback,
} from 'amazon-cognito-identity-js';
import { bytesToHex, fromHex, padHex } from '../../../src/cognito/srp/bigint.js';
import { nativeSrpSignIn } from '../../../src/cognito/srp/native-srp-sign-in.js';
import { computeA, computeS, computeU, computeX, deriveKey, N } from '../../../src/cognito/srp/srp-client.js';
import { cases, det } from './padding-cases.js';
import { vector } from './vector.js';

const poolName = 'Ab12Cd34E';
// Exported at runtime, missing from the SDK's .d.ts.
const AuthenticationHelper = (sdkModule as unknown as { AuthenticationHelper: new (poolName: string) => unknown }).AuthenticationHelper;

/** The SDK's AuthenticationHelper with a fixed a: A, u, x, S and the HKDF key. */
function sdkSteps(aHex: string, saltHex: string, bHex: string, userId: string, password: string) {
  const helper = new AuthenticationHelper(poolName) as any;
  const BigInteger = helper.smallAValue.constructor;
  helper.smallAValue = new BigInteger(aHex, 16);
  helper.largeAValue = null;
  let A = '';
  helper.getLargeAValue((_: unknown, value: any) => (A = value.toString(16)));
  const B = new BigInteger(bHex, 16);
  const salt = new BigInteger(saltHex, 16);
  let key = '';
  helper.getPasswordAuthenticationKey(userId, password, B, salt, (_: unknown, hkdf: Uint8Array) => {
    key = bytesToHex(new Uint8Array(hkdf));
  });
  const x = new BigInteger(helper.hexHash(helper.padHex(salt) + helper.hash(`${poolName}${userId}:${password}`)), 16);
  let S = '';
  helper.calculateS(x, B, (_: unknown, value: any) => (S = value.toString(16)));
  return { A, u: helper.UValue.toString(16) as string, x: x.toString(16) as string, S, key, padS: helper.padHex(new BigInteger(S, 16)) };
}

describe('SRP parity with the SDK', () => {
  describe("the SDK's AuthenticationHelper, step by step", () => {
    for (const c of cases) {
      it(`agrees on A, u, x, S and the key: ${c.name}`, async () => {
        const aHex = await det(`${c.name}/a/${c.seed}`, 128);
        const B = fromHex(await det(`${c.name}/B/${c.seed}`, 384)) % N;
        const a = fromHex(aHex);
        const A = computeA(a);
        const u = await computeU(A, B);
        const x = await computeX(poolName, c.userId, c.password, fromHex(c.salt));
        const S = computeS(a, B, u, x);
        const { key } = await deriveKey(S, u);
        const ours = { A: A.toString(16), B: B.toString(16), u: u.toString(16), S: S.toString(16) };
        expect(c.holds(ours), `vector still covers ${c.name}`).to.equal(true);

        const sdk = sdkSteps(aHex, c.salt, ours.B, c.userId, c.password);
        expect(ours.A).to.equal(sdk.A);
        expect(ours.u).to.equal(sdk.u);
        expect(x.toString(16)).to.equal(sdk.x);
        expect(ours.S).to.equal(sdk.S);
        expect(padHex(S)).to.equal(sdk.padS);
        expect(bytesToHex(key)).to.equal(sdk.key);
      });
    }
  });

  describe("the SDK's whole authenticateUser flow against a scripted server", () => {
    const typedName = 'alice@example.com';
    const clientId = 'localpoolclient0000000000';
    const now = Date.UTC(2024, 8, 3, 13, 45, 0);
    const jwt = (claims: object) =>
      ['{"alg":"none"}', JSON.stringify(claims)].map((part) => btoa(part).replace(/=+$/, '')).join('.') + '.sig';
    const tokens = {
      AuthenticationResult: {
        AccessToken: jwt({ sub: 's', iat: now / 1000, exp: now / 1000 + 3600, token_use: 'access' }),
        IdToken: jwt({ sub: 's', iat: now / 1000, exp: now / 1000 + 3600, token_use: 'id' }),
        RefreshToken: 'refresh-token',
        ExpiresIn: 3600,
        TokenType: 'Bearer',
      },
      ChallengeParameters: {},
    };
    const challenge = (name: string, parameters: Record<string, string> = {}) => ({
      ChallengeName: name,
      Session: `session-after-password-${name}`,
      ChallengeParameters: parameters,
    });

    type Reply = { err?: unknown; data?: unknown };
    interface Scenario {
      name: string;
      respond: Reply[];
      deviceKeyStored?: boolean;
      confirmDevice?: boolean;
    }
    const scenarios: Scenario[] = [
      { name: 'tokens', respond: [{ data: tokens }] },
      { name: 'wrong password', respond: [{ err: { code: 'NotAuthorizedException', name: 'NotAuthorizedException', message: 'Incorrect username or password.' } }] },
      { name: 'NEW_PASSWORD_REQUIRED', respond: [{ data: challenge('NEW_PASSWORD_REQUIRED', { userAttributes: '{"email":"alice@example.com"}', requiredAttributes: '["userAttributes.name"]' }) }] },
      { name: 'SMS_MFA', respond: [{ data: challenge('SMS_MFA', { CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: '+*******1234' }) }] },
      { name: 'SOFTWARE_TOKEN_MFA', respond: [{ data: challenge('SOFTWARE_TOKEN_MFA') }] },
      { name: 'MFA_SETUP', respond: [{ data: challenge('MFA_SETUP', { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' }) }] },
      { name: 'SELECT_MFA_TYPE', respond: [{ data: challenge('SELECT_MFA_TYPE', { MFAS_CAN_CHOOSE: '["SMS_MFA","SOFTWARE_TOKEN_MFA"]' }) }] },
      { name: 'a remembered device key', deviceKeyStored: true, respond: [{ data: tokens }] },
      {
        name: 'a device the pool forgot',
        deviceKeyStored: true,
        respond: [{ err: { code: 'ResourceNotFoundException', message: 'Device does not exist.' } }, { data: tokens }],
      },
      {
        name: 'a new device to confirm',
        confirmDevice: true,
        respond: [{ data: { AuthenticationResult: { ...tokens.AuthenticationResult, NewDeviceMetadata: { DeviceGroupKey: '-abcdefghij', DeviceKey: 'us-east-1_0b9d9c8e-1234' } } } }],
      },
    ];

    /** Runs one sign-in with a scripted client, a frozen clock and a replayable random stream. */
    async function run(scenario: Scenario, signIn: (user: CognitoUser, details: AuthenticationDetails, cb: IAuthenticationCallback) => void, streamOffset: number) {
      const stream = hexBytes(vector.a.padStart(256, '0') + (await det('device-randomness', 64)));
      let position = streamOffset;
      const realRandom = crypto.getRandomValues;
      crypto.getRandomValues = (<T extends ArrayBufferView | null>(array: T): T => {
        // The SDK draws one Uint32 at a time and writes each out big-endian (WordArray).
        if (array instanceof Uint32Array) for (let i = 0; i < array.length; i++, position += 4) array[i] = word(stream, position);
        else if (array instanceof Uint8Array) for (let i = 0; i < array.length; i++) array[i] = stream[position++]!;
        else throw new Error('unexpected getRandomValues call');
        return array;
      }) as typeof crypto.getRandomValues;
      const RealDate = Date;
      globalThis.Date = class extends RealDate {
        constructor(...args: unknown[]) {
          super(...((args.length ? args : [now]) as [number]));
        }
        static override now() {
          return now;
        }
      } as DateConstructor;

      const stored = new Map<string, string>();
      const storage = {
        setItem: (key: string, value: string) => void stored.set(key, String(value)),
        getItem: (key: string) => stored.get(key) ?? null,
        removeItem: (key: string) => void stored.delete(key),
        clear: () => stored.clear(),
      };
      if (scenario.deviceKeyStored) {
        const prefix = `CognitoIdentityServiceProvider.${clientId}.${vector.userId}`;
        stored.set(`${prefix}.deviceKey`, 'us-east-1_device-1');
        stored.set(`${prefix}.randomPasswordKey`, 'device-password');
        stored.set(`${prefix}.deviceGroupKey`, 'device-group');
      }
      const pool = new CognitoUserPool({ UserPoolId: `us-east-1_${vector.poolName}`, ClientId: clientId, Storage: storage, endpoint: 'http://scripted.invalid/' });
      const requests: [string, unknown][] = [];
      const replies = [...scenario.respond];
      (pool as any).client.request = (operation: string, params: unknown, callback: (err: unknown, data?: unknown) => void) => {
        requests.push([operation, JSON.parse(JSON.stringify(params))]);
        let reply: Reply;
        if (operation === 'InitiateAuth') {
          reply = { data: { ChallengeName: 'PASSWORD_VERIFIER', Session: 'session-1', ChallengeParameters: { SALT: vector.salt, SECRET_BLOCK: vector.secretBlock, SRP_B: vector.B, USERNAME: vector.userId, USER_ID_FOR_SRP: vector.userId } } };
        } else if (operation === 'ConfirmDevice') {
          reply = { data: { UserConfirmationNecessary: false } };
        } else {
          reply = replies.shift()!;
        }
        setTimeout(() => callback(reply.err ?? null, reply.data));
      };
      const user = new CognitoUser({ Username: typedName, Pool: pool, Storage: storage });
      const outcome = await new Promise<unknown[]>((resolve) => {
        const record = (name: string) => (...args: unknown[]) => resolve([name, ...args]);
        signIn(user, new AuthenticationDetails({ Username: typedName, Password: vector.password }), {
          onSuccess: record('onSuccess'),
          onFailure: record('onFailure'),
          newPasswordRequired: record('newPasswordRequired'),
          mfaRequired: record('mfaRequired'),
          totpRequired: record('totpRequired'),
          mfaSetup: record('mfaSetup'),
          selectMFAType: record('selectMFAType'),
          customChallenge: record('customChallenge'),
        });
      }).finally(() => {
        crypto.getRandomValues = realRandom;
        globalThis.Date = RealDate;
      });
      const [name, first, ...rest] = outcome;
      const session = name === 'onSuccess' ? (first as any).getIdToken().getJwtToken() : first;
      return { requests, stored: Object.fromEntries(stored), callback: [name, session, ...rest], username: user.getUsername(), Session: (user as any).Session };
    }

    for (const scenario of scenarios) {
      it(`sends, stores and calls back the same as the SDK: ${scenario.name}`, async () => {
        const sdk = await run(scenario, (user, details, cb) => user.authenticateUser(details, cb), 0);
        const a = fromHex(vector.a);
        // Our run skips the SDK's 128 bytes of a (passed in directly), so any device randomness lines up.
        const ours = await run(scenario, (user, details, cb) => nativeSrpSignIn(user, details, cb, { a, A: computeA(a) }), 128);
        expect(sdk.requests[0]![1]).to.have.nested.property('AuthParameters.SRP_A', vector.A);
        expect(sdk.requests[1]![1]).to.have.nested.property('ChallengeResponses.PASSWORD_CLAIM_SIGNATURE', vector.signature);
        expect(ours.requests).to.deep.equal(sdk.requests);
        expect(ours.stored).to.deep.equal(sdk.stored);
        expect(ours.callback).to.deep.equal(sdk.callback);
        expect(ours.username).to.equal(vector.userId);
        expect(ours.username).to.equal(sdk.username);
        expect(ours.Session).to.equal(sdk.Session);
      });
    }
  });
});

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from({ length: hex.length / 2 }, (_, i) => parseInt(hex.substr(i * 2, 2), 16));
}

function word(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}
