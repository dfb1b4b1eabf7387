// WebAuthn JSON <-> browser objects: the browser's helpers where present, and the fallback (tested
// by hiding those helpers) giving the same bytes.
import { expect } from '@open-wc/testing';
import {
  creationOptionsFromJSON,
  credentialToJSON,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
  fromBase64url,
  requestOptionsFromJSON,
  toBase64url,
} from '../../../src/cognito/webauthn-json.js';
import { addVirtualAuthenticator, type VirtualAuthenticator } from '../helpers/virtual-authenticator.js';

const bytes = (buffer: BufferSource) =>
  Array.from(buffer instanceof ArrayBuffer ? new Uint8Array(buffer) : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength));

const creationJSON: PublicKeyCredentialCreationOptionsJSON = {
  challenge: 'AAEC_-8',
  rp: { id: 'localhost', name: 'Wild Rydes' },
  user: { id: 'dXNlci0x', name: 'ada@example.com', displayName: 'ada@example.com' },
  pubKeyCredParams: [
    { type: 'public-key', alg: -7 },
    { type: 'public-key', alg: -257 },
  ],
  timeout: 60000,
  excludeCredentials: [{ type: 'public-key', id: '_-_-AQ', transports: ['internal'] }],
  authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  attestation: 'none',
};

const requestJSON: PublicKeyCredentialRequestOptionsJSON = {
  challenge: 'c29tZSBjaGFsbGVuZ2U',
  rpId: 'localhost',
  timeout: 180000,
  allowCredentials: [{ type: 'public-key', id: 'AQIDBA', transports: ['internal', 'hybrid'] }],
  userVerification: 'required',
};

/** Runs `body` with the browser's JSON helpers hidden, as in a browser that lacks them. */
function withoutNativeHelpers<T>(body: () => T): T {
  const hidden = [
    [PublicKeyCredential, 'parseCreationOptionsFromJSON'],
    [PublicKeyCredential, 'parseRequestOptionsFromJSON'],
    [PublicKeyCredential.prototype, 'toJSON'],
  ] as const;
  const saved = hidden.map(([owner, name]) => Object.getOwnPropertyDescriptor(owner, name));
  hidden.forEach(([owner, name]) => Object.defineProperty(owner, name, { value: undefined, configurable: true, writable: true }));
  try {
    return body();
  } finally {
    hidden.forEach(([owner, name], i) => {
      const descriptor = saved[i];
      if (descriptor) Object.defineProperty(owner, name, descriptor);
      else delete (owner as unknown as Record<string, unknown>)[name];
    });
  }
}

describe('webauthn-json', () => {
  it('writes and reads unpadded base64url', () => {
    expect(toBase64url(new Uint8Array([0, 1, 2, 255, 239]))).to.equal('AAEC_-8');
    expect(bytes(fromBase64url('AAEC_-8'))).to.deep.equal([0, 1, 2, 255, 239]);
    expect(bytes(fromBase64url('AAEC_-8='))).to.deep.equal([0, 1, 2, 255, 239]);
    expect(toBase64url(new Uint8Array([1, 2, 3, 4]).subarray(1, 3))).to.equal('AgM');
    expect(toBase64url(new ArrayBuffer(0))).to.equal('');
  });

  it('refuses text that is not base64url', () => {
    expect(() => fromBase64url('a+b/')).to.throw(TypeError);
    expect(() => fromBase64url('ab cd')).to.throw(TypeError);
  });

  it('uses the browser helpers when it has them', () => {
    expect(typeof PublicKeyCredential.parseCreationOptionsFromJSON, 'this Chromium has the Level 3 helpers').to.equal('function');
    const options = creationOptionsFromJSON(creationJSON);
    expect(bytes(options.challenge)).to.deep.equal([0, 1, 2, 255, 239]);
    expect(bytes(options.user.id)).to.deep.equal(Array.from(new TextEncoder().encode('user-1')));
  });

  for (const [name, run] of [
    ['native', <T>(body: () => T) => body()],
    ['fallback', withoutNativeHelpers],
  ] as const) {
    describe(`${name} conversion`, () => {
      it('turns creation options into bytes where WebAuthn wants bytes', () => {
        const options = run(() => creationOptionsFromJSON(creationJSON));
        expect(bytes(options.challenge)).to.deep.equal([0, 1, 2, 255, 239]);
        expect(bytes(options.user.id)).to.deep.equal(Array.from(new TextEncoder().encode('user-1')));
        expect(options.user.name).to.equal('ada@example.com');
        expect(options.user.displayName).to.equal('ada@example.com');
        expect(options.rp).to.deep.equal({ id: 'localhost', name: 'Wild Rydes' });
        expect(options.pubKeyCredParams.map((param) => param.alg)).to.deep.equal([-7, -257]);
        expect(options.timeout).to.equal(60000);
        expect(options.attestation).to.equal('none');
        expect(options.authenticatorSelection).to.include({ residentKey: 'required', userVerification: 'required' });
        const [excluded] = options.excludeCredentials ?? [];
        expect(bytes(excluded.id)).to.deep.equal([255, 239, 254, 1]);
        expect(excluded.type).to.equal('public-key');
        expect(excluded.transports).to.deep.equal(['internal']);
      });

      it('turns request options into bytes where WebAuthn wants bytes', () => {
        const options = run(() => requestOptionsFromJSON(requestJSON));
        expect(new TextDecoder().decode(options.challenge)).to.equal('some challenge');
        expect(options.rpId).to.equal('localhost');
        expect(options.timeout).to.equal(180000);
        expect(options.userVerification).to.equal('required');
        const [allowed] = options.allowCredentials ?? [];
        expect(bytes(allowed.id)).to.deep.equal([1, 2, 3, 4]);
        expect(allowed.transports).to.deep.equal(['internal', 'hybrid']);
      });

      it('leaves out lists the JSON does not have', () => {
        const { challenge, rpId } = requestJSON;
        const options = run(() => requestOptionsFromJSON({ challenge, rpId }));
        expect(options.allowCredentials ?? []).to.deep.equal([]);
      });
    });
  }

  describe('with a real credential (virtual authenticator)', () => {
    let authenticator: VirtualAuthenticator;
    before(async () => {
      authenticator = await addVirtualAuthenticator();
    });
    after(() => authenticator.remove());

    const create = async () =>
      (await navigator.credentials.create({
        publicKey: creationOptionsFromJSON({ ...creationJSON, challenge: toBase64url(crypto.getRandomValues(new Uint8Array(32))), excludeCredentials: [] }),
      })) as PublicKeyCredential;

    it('writes the same registration JSON as the browser', async () => {
      const credential = await create();
      const native = credentialToJSON(credential) as RegistrationResponseJSON;
      const fallback = withoutNativeHelpers(() => credentialToJSON(credential)) as RegistrationResponseJSON;
      expect(fallback).to.deep.equal(native);
      expect(native.response.transports).to.deep.equal(['internal']);
      expect(native.response.publicKeyAlgorithm).to.equal(-7);
      expect(JSON.parse(new TextDecoder().decode(fromBase64url(native.response.clientDataJSON)))).to.include({
        type: 'webauthn.create',
        origin: location.origin,
      });
      expect((await authenticator.credentials()).map((stored) => stored.rpId)).to.include('localhost');
    });

    it('writes the same assertion JSON as the browser', async () => {
      const registered = await create();
      const { challenge, rpId } = requestJSON;
      const publicKey = requestOptionsFromJSON({
        challenge,
        rpId,
        allowCredentials: [{ type: 'public-key', id: registered.id }],
        userVerification: 'required',
      });
      const credential = (await navigator.credentials.get({ publicKey })) as PublicKeyCredential;
      const native = credentialToJSON(credential) as AuthenticationResponseJSON;
      const fallback = withoutNativeHelpers(() => credentialToJSON(credential));
      expect(fallback).to.deep.equal(native);
      expect(native.id).to.equal(registered.id);
      expect(native.response.userHandle).to.equal('dXNlci0x');
    });
  });

  // A look-alike of a PublicKeyCredential, for the fallback's every branch.
  const buffer = (...values: number[]) => new Uint8Array(values).buffer;
  const lookAlike = (response: object) => ({
    id: 'AQID',
    rawId: buffer(1, 2, 3),
    type: 'public-key',
    authenticatorAttachment: 'platform',
    response: response as AuthenticatorResponse,
    getClientExtensionResults: () => ({ credProps: { rk: true } }),
  });

  it('writes a registration as JSON without the browser helper', () => {
    const json = credentialToJSON(
      lookAlike({
        clientDataJSON: buffer(123, 125),
        attestationObject: buffer(161, 0),
        getAuthenticatorData: () => buffer(9, 9),
        getTransports: () => ['internal'],
        getPublicKeyAlgorithm: () => -7,
        getPublicKey: () => buffer(48, 1),
      }),
    );
    expect(json).to.deep.equal({
      id: 'AQID',
      rawId: 'AQID',
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: { credProps: { rk: true } },
      response: {
        clientDataJSON: 'e30',
        attestationObject: 'oQA',
        authenticatorData: 'CQk',
        transports: ['internal'],
        publicKeyAlgorithm: -7,
        publicKey: 'MAE',
      },
    });
  });

  it('writes an assertion as JSON without the browser helper', () => {
    const json = credentialToJSON(
      lookAlike({ clientDataJSON: buffer(123, 125), authenticatorData: buffer(9, 9), signature: buffer(48, 69), userHandle: buffer(117) }),
    );
    expect(json).to.deep.equal({
      id: 'AQID',
      rawId: 'AQID',
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: { credProps: { rk: true } },
      response: { clientDataJSON: 'e30', authenticatorData: 'CQk', signature: 'MEU', userHandle: 'dQ' },
    });
  });

  it('leaves out a user handle the authenticator did not return', () => {
    const json = credentialToJSON(lookAlike({ clientDataJSON: buffer(1), authenticatorData: buffer(2), signature: buffer(3), userHandle: null }));
    expect(json.response).to.not.have.property('userHandle');
  });
});
