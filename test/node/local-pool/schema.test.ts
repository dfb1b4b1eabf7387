// The attribute schema: custom attributes only when declared, immutable ones set at creation only,
// typed values and lengths checked; email and phone changes unverified until their code is used.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseCustomAttributes, parseSchemaFile } from '../../../local-pool/schema.js';
import { PASSWORD, killed, latestCode, messages, ok, raw, signedInUser, start, startCli, uniqueEmail, type LocalPool, type RawResponse } from './helpers.js';

function assertSchemaError(response: RawResponse, reason: string) {
  assert.equal(response.status, 400, JSON.stringify(response.body));
  assert.deepEqual(response.body, { __type: 'InvalidParameterException', message: `Attributes did not conform to the schema: ${reason}` });
}

const signUp = (pool: LocalPool, attributes: Record<string, string>, email = uniqueEmail()) =>
  raw(pool, 'SignUp', {
    ClientId: pool.clientId,
    Username: email,
    Password: PASSWORD,
    UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
  });

const attributesOf = async (pool: LocalPool, email: string) => {
  const user = await ok(pool, 'AdminGetUser', { UserPoolId: pool.poolId, Username: email });
  return Object.fromEntries((user.UserAttributes as { Name: string; Value: string }[]).map(({ Name, Value }) => [Name, Value]));
};

describe('custom attribute declarations', () => {
  it('parses name:type[:mutable][:MIN..MAX] into Cognito’s SchemaAttributeType', () => {
    assert.deepEqual(parseCustomAttributes('company:string, tier:number:mutable:1..5,custom:bio:string:mutable:..280,joined:datetime,vip:Boolean'), [
      { Name: 'company', AttributeDataType: 'String', Mutable: false },
      { Name: 'tier', AttributeDataType: 'Number', Mutable: true, NumberAttributeConstraints: { MinValue: '1', MaxValue: '5' } },
      { Name: 'bio', AttributeDataType: 'String', Mutable: true, StringAttributeConstraints: { MinLength: '', MaxLength: '280' } },
      { Name: 'joined', AttributeDataType: 'DateTime', Mutable: false },
      { Name: 'vip', AttributeDataType: 'Boolean', Mutable: false },
    ]);
  });

  it('refuses unknown types, modifiers and bad names when the pool starts', async () => {
    assert.throws(() => parseCustomAttributes('company'), /name:type/);
    assert.throws(() => parseCustomAttributes('company:text'), /name:type/);
    assert.throws(() => parseCustomAttributes('company:string:readonly'), /"readonly" is neither "mutable" nor a MIN\.\.MAX range/);
    assert.throws(() => parseCustomAttributes('vip:boolean:1..2'), /neither "mutable" nor a MIN\.\.MAX range for a string or number/);
    await assert.rejects(start({ customAttributes: 'a_name_longer_than_twenty:string' }), /1-20 letters/);
    await assert.rejects(start({ customAttributes: 'tier:number:9..1' }), /minimum 9 is above the maximum 1/);
    await assert.rejects(start({ customAttributes: 'a:string,a:number' }), /declared twice/);
  });

  it('reads a schema file in CreateUserPool’s and describe-user-pool’s shapes', () => {
    const schema = [
      { Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true },
      { Name: 'name', AttributeDataType: 'String', Required: true, Mutable: true },
      { Name: 'custom:company', AttributeDataType: 'String', Mutable: false },
    ];
    const expected = { customAttributes: [schema[2]], requiredAttributes: ['email', 'name'] };
    assert.deepEqual(parseSchemaFile({ Schema: schema }), expected);
    assert.deepEqual(parseSchemaFile({ UserPool: { SchemaAttributes: schema } }), expected);
    assert.deepEqual(parseSchemaFile(schema), expected);
    assert.throws(() => parseSchemaFile({ Attributes: [] }), /a schema file holds/);
  });
});

describe('a pool without custom attributes (the default)', () => {
  let pool: LocalPool;
  before(async () => {
    pool = await start();
  });
  after(() => pool.close());

  it('refuses any custom: attribute and any non-standard name, as Cognito does', async () => {
    assertSchemaError(await signUp(pool, { 'custom:company': 'Acme' }), 'custom:company: Attribute does not exist in the schema.');
    assertSchemaError(await signUp(pool, { favourite_colour: 'blue' }), 'favourite_colour: Attribute does not exist in the schema.');
    assertSchemaError(await signUp(pool, { 'dev:custom:x': '1' }), 'dev:custom:x: Attribute does not exist in the schema.');
    assert.equal((await signUp(pool, { name: 'Ada', updated_at: '1700000000' })).status, 200);
  });

  it('types the standard attributes: updated_at is a number, email_verified a boolean', async () => {
    assertSchemaError(await signUp(pool, { updated_at: 'yesterday' }), 'updated_at: Number must be a number.');
    assertSchemaError(await signUp(pool, { email_verified: 'yes' }), 'email_verified: Boolean must be true or false.');
    assertSchemaError(await signUp(pool, { name: 'x'.repeat(2049) }), 'name: String must be no longer than 2048 characters');
  });
});

describe('a pool with custom attributes', () => {
  let pool: LocalPool;
  before(async () => {
    pool = await start({ customAttributes: 'company:string,tier:number:mutable:1..5,vip:boolean:mutable,bio:string:mutable:2..10,joined:datetime:mutable' });
  });
  after(() => pool.close());

  it('stores declared custom attributes at sign-up and puts them in the ID token', async () => {
    const { session, email } = await signedInUser(pool, { attributes: { 'custom:company': 'Acme', 'custom:tier': '3' } });
    assert.equal(session.getIdToken().payload['custom:company'], 'Acme');
    assert.equal(session.getIdToken().payload['custom:tier'], '3');
    assert.deepEqual(await attributesOf(pool, email).then((a) => [a['custom:company'], a['custom:tier']]), ['Acme', '3']);
  });

  it('checks numbers, booleans, date-times and string lengths', async () => {
    assertSchemaError(await signUp(pool, { 'custom:tier': 'gold' }), 'custom:tier: Number must be a number.');
    assertSchemaError(await signUp(pool, { 'custom:tier': '6' }), 'custom:tier: Number must be no greater than 5');
    assertSchemaError(await signUp(pool, { 'custom:tier': '0' }), 'custom:tier: Number must be no less than 1');
    assertSchemaError(await signUp(pool, { 'custom:vip': 'yes' }), 'custom:vip: Boolean must be true or false.');
    assertSchemaError(await signUp(pool, { 'custom:joined': 'last week' }), 'custom:joined: DateTime must be a date and time (ISO 8601).');
    assertSchemaError(await signUp(pool, { 'custom:bio': 'x'.repeat(11) }), 'custom:bio: String must be no longer than 10 characters');
    assertSchemaError(await signUp(pool, { 'custom:bio': 'x' }), 'custom:bio: String must be no shorter than 2 characters');
    assertSchemaError(await signUp(pool, { 'custom:other': 'x' }), 'custom:other: Attribute does not exist in the schema.');
    const fine = await signUp(pool, { 'custom:tier': '5', 'custom:vip': 'true', 'custom:joined': '2026-01-31T12:00:00Z', 'custom:bio': 'Hi there' });
    assert.equal(fine.status, 200, JSON.stringify(fine.body));
  });

  it('lets a mutable custom attribute change, and refuses an immutable one after creation, to users and administrators alike', async () => {
    const { session, email } = await signedInUser(pool, { attributes: { 'custom:company': 'Acme' } });
    const AccessToken = session.getAccessToken().getJwtToken();
    const update = (attributes: Record<string, string>) =>
      raw(pool, 'UpdateUserAttributes', { AccessToken, UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })) });
    assert.equal((await update({ 'custom:tier': '4' })).status, 200);
    assertSchemaError(await update({ 'custom:company': 'Other' }), 'custom:company: Attribute cannot be updated.');
    assertSchemaError(await update({ 'custom:tier': '9' }), 'custom:tier: Number must be no greater than 5');
    assertSchemaError(
      await raw(pool, 'AdminUpdateUserAttributes', { UserPoolId: pool.poolId, Username: email, UserAttributes: [{ Name: 'custom:company', Value: 'Other' }] }),
      'custom:company: Attribute cannot be updated.',
    );
    assertSchemaError(
      await raw(pool, 'DeleteUserAttributes', { AccessToken, UserAttributeNames: ['custom:company'] }),
      'custom:company: Attribute cannot be updated.',
    );
    // Immutable means set at creation only, even for a user who never had a value.
    const other = await signedInUser(pool);
    assertSchemaError(
      await raw(pool, 'UpdateUserAttributes', {
        AccessToken: other.session.getAccessToken().getJwtToken(),
        UserAttributes: [{ Name: 'custom:company', Value: 'Late' }],
      }),
      'custom:company: Attribute cannot be updated.',
    );
    assert.deepEqual(await attributesOf(pool, email).then((a) => [a['custom:company'], a['custom:tier']]), ['Acme', '4']);
  });

  it('lets AdminCreateUser set an immutable custom attribute', async () => {
    const email = uniqueEmail('admin');
    await ok(pool, 'AdminCreateUser', {
      UserPoolId: pool.poolId,
      Username: email,
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'custom:company', Value: 'Acme' }],
    });
    assert.equal((await attributesOf(pool, email))['custom:company'], 'Acme');
  });
});

describe('email and phone changes', () => {
  let pool: LocalPool;
  before(async () => {
    // Changes that apply at once; verify-before-update.test.ts has the pool that keeps the old email.
    pool = await start({ verifyBeforeUpdate: [] });
  });
  after(() => pool.close());

  it('UpdateUserAttributes: the new email is unverified, gets a code, and VerifyUserAttribute verifies it', async () => {
    const { session, email } = await signedInUser(pool);
    const AccessToken = session.getAccessToken().getJwtToken();
    const changed = uniqueEmail('changed');
    const answer = await ok(pool, 'UpdateUserAttributes', { AccessToken, UserAttributes: [{ Name: 'email', Value: changed }] });
    assert.deepEqual(answer.CodeDeliveryDetailsList, [{ Destination: `c***@e***.com`, DeliveryMedium: 'EMAIL', AttributeName: 'email' }]);
    assert.equal((await attributesOf(pool, changed)).email_verified, 'false');
    assert.equal((await messages(pool, email)).filter((m) => m.kind === 'verify-attribute').length, 0);
    const code = await latestCode(pool, changed, 'verify-attribute');
    const wrong = await raw(pool, 'VerifyUserAttribute', { AccessToken, AttributeName: 'email', Code: code === '000000' ? '111111' : '000000' });
    assert.equal(wrong.body.__type, 'CodeMismatchException');
    await ok(pool, 'VerifyUserAttribute', { AccessToken, AttributeName: 'email', Code: code });
    assert.equal((await attributesOf(pool, changed)).email_verified, 'true');
  });

  it('GetUserAttributeVerificationCode sends a fresh code for the email', async () => {
    const { session, email } = await signedInUser(pool);
    const AccessToken = session.getAccessToken().getJwtToken();
    const answer = await ok(pool, 'GetUserAttributeVerificationCode', { AccessToken, AttributeName: 'email' });
    assert.equal(answer.CodeDeliveryDetails.AttributeName, 'email');
    await ok(pool, 'VerifyUserAttribute', { AccessToken, AttributeName: 'email', Code: await latestCode(pool, email, 'verify-attribute') });
  });

  it('AdminUpdateUserAttributes: a new email or phone number is unverified and gets a code', async () => {
    const { email } = await signedInUser(pool);
    assert.equal((await attributesOf(pool, email)).email_verified, 'true');
    const changed = uniqueEmail('admin-changed');
    const answer = await ok(pool, 'AdminUpdateUserAttributes', {
      UserPoolId: pool.poolId,
      Username: email,
      UserAttributes: [
        { Name: 'email', Value: changed },
        { Name: 'phone_number', Value: '+15550001234' },
      ],
    });
    assert.deepEqual(answer, {});
    const attributes = await attributesOf(pool, changed);
    assert.equal(attributes.email_verified, 'false');
    assert.equal(attributes.phone_number_verified, 'false');
    assert.match(await latestCode(pool, changed, 'verify-attribute'), /^\d{6}$/);
    assert.match(await latestCode(pool, '+15550001234', 'verify-attribute'), /^\d{6}$/);
  });

  it('AdminUpdateUserAttributes: no code when the call itself marks the new email verified', async () => {
    const { email } = await signedInUser(pool);
    const changed = uniqueEmail('admin-verified');
    await ok(pool, 'AdminUpdateUserAttributes', {
      UserPoolId: pool.poolId,
      Username: email,
      UserAttributes: [
        { Name: 'email_verified', Value: 'true' },
        { Name: 'email', Value: changed },
      ],
    });
    assert.equal((await attributesOf(pool, changed)).email_verified, 'true');
    assert.deepEqual(await messages(pool, changed), []);
  });

  it('UpdateUserAttributes cannot mark an email verified itself', async () => {
    const { session } = await signedInUser(pool);
    const changed = uniqueEmail('self-verified');
    await ok(pool, 'UpdateUserAttributes', {
      AccessToken: session.getAccessToken().getJwtToken(),
      UserAttributes: [
        { Name: 'email', Value: changed },
        { Name: 'email_verified', Value: 'true' },
      ],
    });
    assert.equal((await attributesOf(pool, changed)).email_verified, 'false');
  });
});

describe('the CLI', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'schema-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('takes --custom-attributes and --schema FILE, and names them in its banner', async () => {
    const file = join(dir, 'schema.json');
    await writeFile(
      file,
      JSON.stringify({
        UserPool: {
          SchemaAttributes: [
            { Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true },
            { Name: 'name', AttributeDataType: 'String', Required: true, Mutable: true },
            { Name: 'custom:team', AttributeDataType: 'String', Mutable: true, StringAttributeConstraints: { MinLength: '1', MaxLength: '20' } },
          ],
        },
      }),
    );
    const { child, pool, output } = await startCli(['--custom-attributes', 'company:string', '--schema', file]);
    try {
      assert.match(output(), /custom attributes: custom:company \(String\), custom:team \(String, mutable\)/);
      assertSchemaError(await signUp(pool, { 'custom:team': 'Engines' }), 'name: The attribute is required');
      assert.equal((await signUp(pool, { name: 'Ada', 'custom:team': 'Engines', 'custom:company': 'Acme' })).status, 200);
      assertSchemaError(await signUp(pool, { name: 'Ada', 'custom:tier': '1' }), 'custom:tier: Attribute does not exist in the schema.');
    } finally {
      await killed(child);
    }
  });
});
