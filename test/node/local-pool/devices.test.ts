// Device tracking through the real amazon-cognito-identity-js (which confirms a new device itself,
// caches its keys and answers DEVICE_SRP_AUTH) and the AWS SDK v3 (ListDevices, UpdateDeviceStatus,
// ForgetDevice and the Admin* twins): a remembered device skips MFA, a forgotten one is new again.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AdminForgetDeviceCommand,
  AdminListDevicesCommand,
  ConfirmDeviceCommand,
  ForgetDeviceCommand,
  InitiateAuthCommand,
  ListDevicesCommand,
  RespondToAuthChallengeCommand,
  UpdateDeviceStatusCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { CognitoUser, CognitoUserSession } from 'amazon-cognito-identity-js';
import { awsClient, refusal } from './aws-sdk.js';
import { PASSWORD, callbacks, memoryStorage, registeredUser, sdkPool, sdkUser, session, signIn, start, type LocalPool, type SignInOutcome } from './helpers.js';

const sendCode = (user: CognitoUser, code: string) => new Promise<SignInOutcome>((resolve, reject) => user.sendMFACode(code, callbacks(resolve, reject)));

async function smsCode(pool: LocalPool, phone: string): Promise<string> {
  const found = (await (await fetch(`${pool.url}_local/messages?to=${encodeURIComponent(phone)}`)).json()) as { code: string }[];
  return found[found.length - 1].code;
}

const phoneNumber = () => `+1555${String(Date.now() + Math.floor(Math.random() * 1000)).slice(-7)}`;

/** A user with SMS MFA (the pool requires MFA) and the storage of one browser. */
async function mfaUser(pool: LocalPool) {
  const phone = phoneNumber();
  const registered = await registeredUser(pool, { attributes: { phone_number: phone } });
  return { ...registered, phone };
}

/** Signs in on the browser whose storage `userPool` has; answers SMS MFA when asked. Returns the session and whether MFA was asked. */
async function signInOn(pool: LocalPool, userPool: ReturnType<typeof sdkPool>, email: string, phone: string) {
  const user = sdkUser(userPool, email);
  let outcome = await signIn(user, email);
  const askedMfa = outcome.kind === 'mfaRequired';
  if (askedMfa) outcome = await sendCode(user, await smsCode(pool, phone));
  return { user, tokens: session(outcome), askedMfa };
}

async function devices(client: CognitoIdentityProviderClient, tokens: CognitoUserSession) {
  const { Devices = [] } = await client.send(new ListDevicesCommand({ AccessToken: tokens.getAccessToken().getJwtToken(), Limit: 60 }));
  return Devices.map((device) => ({
    key: device.DeviceKey as string,
    attributes: Object.fromEntries((device.DeviceAttributes ?? []).map(({ Name, Value }) => [Name, Value])),
    created: device.DeviceCreateDate,
    lastAuthenticated: device.DeviceLastAuthenticatedDate,
  }));
}

describe('device tracking: always', () => {
  let pool: LocalPool;
  let client: CognitoIdentityProviderClient;
  before(async () => {
    pool = await start({ mfa: 'ON', deviceTracking: 'always' });
    client = awsClient(pool);
  });
  after(() => pool.close());

  it('returns NewDeviceMetadata, which the SDK confirms; the remembered device then skips MFA (DEVICE_SRP_AUTH)', async () => {
    const { email, phone } = await mfaUser(pool);
    const storage = memoryStorage();
    const first = await signInOn(pool, sdkPool(pool, storage), email, phone);
    assert.equal(first.askedMfa, true, 'a new device answers MFA');
    const listed = await devices(client, first.tokens);
    assert.equal(listed.length, 1);
    const [device] = listed;
    assert.match(device.key, /^us-east-1_[0-9a-f-]{36}$/);
    assert.equal(device.attributes['dev:device_remembered_status'], 'remembered');
    assert.ok(device.attributes.device_name, 'the SDK names the device');
    const cached = Object.entries(storage.data).find(([key]) => key.endsWith('.deviceKey'));
    assert.equal(cached?.[1], device.key, 'the SDK keeps the key');

    const second = await signInOn(pool, sdkPool(pool, storage), email, phone);
    assert.equal(second.askedMfa, false, 'the remembered device proved itself instead');
    const again = await devices(client, second.tokens);
    assert.deepEqual(
      again.map((d) => d.key),
      [device.key],
      'no new device',
    );
    assert.ok((again[0].lastAuthenticated as Date) >= (device.lastAuthenticated as Date));

    // Another browser (empty storage) is another device, and answers MFA.
    const other = await signInOn(pool, sdkPool(pool), email, phone);
    assert.equal(other.askedMfa, true);
    assert.equal((await devices(client, other.tokens)).length, 2);
  });

  it('a device marked not remembered answers MFA again, and once forgotten it is a new device (the SDK retries without its key)', async () => {
    const { email, phone } = await mfaUser(pool);
    const storage = memoryStorage();
    const { tokens } = await signInOn(pool, sdkPool(pool, storage), email, phone);
    const AccessToken = tokens.getAccessToken().getJwtToken();
    const [device] = await devices(client, tokens);
    await client.send(new UpdateDeviceStatusCommand({ AccessToken, DeviceKey: device.key, DeviceRememberedStatus: 'not_remembered' }));
    assert.equal((await devices(client, tokens))[0].attributes['dev:device_remembered_status'], 'not_remembered');
    const notRemembered = await signInOn(pool, sdkPool(pool, storage), email, phone);
    assert.equal(notRemembered.askedMfa, true);
    assert.deepEqual(
      (await devices(client, notRemembered.tokens)).map((d) => d.key),
      [device.key],
      'a known device is not created again',
    );

    await client.send(new ForgetDeviceCommand({ AccessToken, DeviceKey: device.key }));
    assert.deepEqual(await devices(client, tokens), []);
    const forgotten = await refusal(client.send(new ForgetDeviceCommand({ AccessToken, DeviceKey: device.key })));
    assert.equal(forgotten.name, 'ResourceNotFoundException');
    const afterForget = await signInOn(pool, sdkPool(pool, storage), email, phone);
    assert.equal(afterForget.askedMfa, true);
    const now = await devices(client, afterForget.tokens);
    assert.equal(now.length, 1);
    assert.notEqual(now[0].key, device.key);
  });

  it('pages ListDevices, refuses a bad status, and has Admin twins', async () => {
    const { email, phone } = await mfaUser(pool);
    let tokens!: CognitoUserSession;
    for (let i = 0; i < 3; i++) ({ tokens } = await signInOn(pool, sdkPool(pool), email, phone));
    const AccessToken = tokens.getAccessToken().getJwtToken();
    const first = await client.send(new ListDevicesCommand({ AccessToken, Limit: 2 }));
    assert.equal(first.Devices?.length, 2);
    assert.ok(first.PaginationToken);
    const rest = await client.send(new ListDevicesCommand({ AccessToken, Limit: 2, PaginationToken: first.PaginationToken }));
    assert.equal(rest.Devices?.length, 1);
    assert.equal(rest.PaginationToken, undefined);
    const keys = [...(first.Devices ?? []), ...(rest.Devices ?? [])].map((d) => d.DeviceKey);
    assert.equal(new Set(keys).size, 3);

    const bad = await refusal(client.send(new UpdateDeviceStatusCommand({ AccessToken, DeviceKey: keys[0], DeviceRememberedStatus: 'maybe' as never })));
    assert.equal(bad.name, 'InvalidParameterException');

    const admin = await client.send(new AdminListDevicesCommand({ UserPoolId: pool.poolId, Username: email }));
    assert.equal(admin.Devices?.length, 3);
    await client.send(new AdminForgetDeviceCommand({ UserPoolId: pool.poolId, Username: email, DeviceKey: keys[0] }));
    assert.equal((await client.send(new AdminListDevicesCommand({ UserPoolId: pool.poolId, Username: email }))).Devices?.length, 2);
  });
});

describe('device tracking: user opt-in', () => {
  let pool: LocalPool;
  let client: CognitoIdentityProviderClient;
  before(async () => {
    pool = await start({ mfa: 'ON', deviceTracking: 'user-opt-in' });
    client = awsClient(pool);
  });
  after(() => pool.close());

  it('tracks a confirmed device without remembering it until the user says so', async () => {
    const { email, phone } = await mfaUser(pool);
    const storage = memoryStorage();
    const { user, tokens } = await signInOn(pool, sdkPool(pool, storage), email, phone);
    const [device] = await devices(client, tokens);
    assert.equal(device.attributes['dev:device_remembered_status'], 'not_remembered');
    assert.equal((await signInOn(pool, sdkPool(pool, storage), email, phone)).askedMfa, true);

    await new Promise((resolve, reject) => user.setDeviceStatusRemembered({ onSuccess: resolve, onFailure: reject }));
    assert.equal((await devices(client, tokens))[0].attributes['dev:device_remembered_status'], 'remembered');
    assert.equal((await signInOn(pool, sdkPool(pool, storage), email, phone)).askedMfa, false);
  });

  it('answers UserConfirmationNecessary to ConfirmDevice', async () => {
    const { email, phone } = await mfaUser(pool);
    const started = await client.send(
      new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: email, PASSWORD } }),
    );
    assert.equal(started.ChallengeName, 'SMS_MFA');
    const answer = await client.send(
      new RespondToAuthChallengeCommand({
        ClientId: pool.clientId,
        ChallengeName: 'SMS_MFA',
        Session: started.Session,
        ChallengeResponses: { USERNAME: email, SMS_MFA_CODE: await smsCode(pool, phone) },
      }),
    );
    const { AccessToken, NewDeviceMetadata } = answer.AuthenticationResult ?? {};
    assert.match(NewDeviceMetadata?.DeviceKey ?? '', /^us-east-1_/);
    assert.ok(NewDeviceMetadata?.DeviceGroupKey);
    const confirmed = await client.send(
      new ConfirmDeviceCommand({
        AccessToken,
        DeviceKey: NewDeviceMetadata?.DeviceKey,
        DeviceName: 'test',
        DeviceSecretVerifierConfig: { Salt: 'AQID', PasswordVerifier: 'BAUG' },
      }),
    );
    assert.equal(confirmed.UserConfirmationNecessary, true);
  });
});

describe('device tracking: off (the default)', () => {
  let pool: LocalPool;
  let client: CognitoIdentityProviderClient;
  before(async () => {
    pool = await start();
    client = awsClient(pool);
  });
  after(() => pool.close());

  it('returns no NewDeviceMetadata and refuses ConfirmDevice', async () => {
    const { email } = await registeredUser(pool);
    const answer = await client.send(
      new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: email, PASSWORD } }),
    );
    assert.equal(answer.AuthenticationResult?.NewDeviceMetadata, undefined);
    const AccessToken = answer.AuthenticationResult?.AccessToken as string;
    const refused = await refusal(
      client.send(
        new ConfirmDeviceCommand({
          AccessToken,
          DeviceKey: 'us-east-1_00000000-0000-0000-0000-000000000000',
          DeviceSecretVerifierConfig: { Salt: 'AA==', PasswordVerifier: 'AQ==' },
        }),
      ),
    );
    assert.equal(refused.name, 'InvalidParameterException');
    assert.deepEqual((await client.send(new ListDevicesCommand({ AccessToken }))).Devices, []);
  });
});
