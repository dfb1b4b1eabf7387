// Runs inside the bench page (bundled by run.ts with the SDK as published and our SRP from lib/).
// Everything is exposed on window.bench for puppeteer to call. Our side uses lib/'s SRP modules
// only (srp-client, ephemeral, bigint), not the client that wraps them, so it runs on any client.
import { AuthenticationDetails, AuthenticationHelper, CognitoUser, CognitoUserPool, DateHelper } from 'amazon-cognito-identity-js';
import { Sha256 } from '@aws-crypto/sha256-js';
import { modPow } from '../../lib/cognito/srp/bigint.js';
import { prepareEphemeral } from '../../lib/cognito/srp/ephemeral.js';
import { answerPasswordVerifier, N } from '../../lib/cognito/srp/srp-client.js';

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const stats = (values) => ({ median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values.length });
const nextFrame = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The SDK's sign-in maths as authenticateUserDefaultAuth runs it: A, then the key, then the signature. */
function sdkSignInMaths(challenge) {
  const helper = new AuthenticationHelper(challenge.poolName); // draws a and computes A (getLargeAValue)
  let srpA = '';
  helper.getLargeAValue((_, A) => (srpA = A.toString(16)));
  const BigInteger = helper.smallAValue.constructor;
  let key;
  helper.getPasswordAuthenticationKey(
    challenge.userId,
    challenge.password,
    new BigInteger(challenge.srpB, 16),
    new BigInteger(challenge.salt, 16),
    (_, hkdf) => (key = hkdf),
  );
  const timestamp = new DateHelper().getNowString();
  const encoder = new TextEncoder();
  const secret = Uint8Array.from(atob(challenge.secretBlock), (c) => c.charCodeAt(0));
  const hmac = new Sha256(key);
  for (const part of [encoder.encode(challenge.poolName), encoder.encode(challenge.userId), secret, encoder.encode(timestamp)]) hmac.update(part);
  hmac.digestSync();
  return srpA;
}

async function ourSignInMaths(challenge, ephemeral) {
  const { a, A } = ephemeral ?? (await prepareEphemeral());
  A.toString(16);
  return answerPasswordVerifier({ a, A, ...challenge, now: new Date() });
}

async function cognitoCall(pool, operation, body) {
  const response = await fetch(pool.url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}` },
    body: JSON.stringify(body),
  });
  const data = await response.json();
  if (!response.ok) throw new Error(`${operation}: ${data.message ?? response.status}`);
  return data;
}

/** InitiateAuth USER_SRP_AUTH, then RespondToAuthChallenge PASSWORD_VERIFIER, with our maths. */
async function ourSrpSignIn(pool, email, password, ephemeral) {
  const { a, A } = ephemeral ?? (await prepareEphemeral());
  const poolName = pool.poolId.split('_')[1];
  const challenge = await cognitoCall(pool, 'InitiateAuth', {
    AuthFlow: 'USER_SRP_AUTH',
    ClientId: pool.clientId,
    AuthParameters: { USERNAME: email, SRP_A: A.toString(16) },
  });
  const p = challenge.ChallengeParameters;
  const { timestamp, signature } = await answerPasswordVerifier({
    a,
    A,
    poolName,
    userId: p.USER_ID_FOR_SRP,
    password,
    srpB: p.SRP_B,
    salt: p.SALT,
    secretBlock: p.SECRET_BLOCK,
    now: new Date(),
  });
  const answer = await cognitoCall(pool, 'RespondToAuthChallenge', {
    ChallengeName: 'PASSWORD_VERIFIER',
    ClientId: pool.clientId,
    Session: challenge.Session,
    ChallengeResponses: { USERNAME: p.USER_ID_FOR_SRP, PASSWORD_CLAIM_SECRET_BLOCK: p.SECRET_BLOCK, TIMESTAMP: timestamp, PASSWORD_CLAIM_SIGNATURE: signature },
  });
  if (!answer.AuthenticationResult?.IdToken) throw new Error('no tokens after PASSWORD_VERIFIER');
  return answer.AuthenticationResult;
}

function plainModPow(base, exponent, modulus) {
  let result = 1n;
  for (const bit of exponent.toString(2)) {
    result = (result * result) % modulus;
    if (bit === '1') result = (result * base) % modulus;
  }
  return result;
}

const randomBig = (bytes) => BigInt('0x' + Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join(''));

window.bench = {
  /** Sign-in client CPU, SDK and ours interleaved, after two warm-up rounds each. */
  async signInCpu(challenge, runs) {
    const sdk = [],
      ours = [],
      oursPrepared = [],
      oursSubmitOnly = [];
    for (let i = -2; i < runs; i++) {
      await nextFrame();
      let t = performance.now();
      sdkSignInMaths(challenge);
      const sdkTime = performance.now() - t;
      await nextFrame();
      t = performance.now();
      await ourSignInMaths(challenge);
      const ourTime = performance.now() - t;
      await nextFrame();
      t = performance.now();
      const ephemeral = await prepareEphemeral();
      const prepareTime = performance.now() - t;
      await nextFrame();
      t = performance.now();
      await ourSignInMaths(challenge, ephemeral);
      const submitTime = performance.now() - t;
      if (i < 0) continue;
      sdk.push(sdkTime);
      ours.push(ourTime);
      oursPrepared.push(prepareTime);
      oursSubmitOnly.push(submitTime);
    }
    return { sdk: stats(sdk), ours: stats(ours), prepareEphemeral: stats(oursPrepared), oursAtSubmit: stats(oursSubmitOnly) };
  },

  /** 3072-bit modular exponentiation: plain square-and-multiply against our sliding window. */
  async modPow(runs) {
    const out = {};
    for (const bits of [512, 1024]) {
      const plain = [],
        windowed = [];
      for (let i = -2; i < runs; i++) {
        const base = randomBig(384) % N;
        const exponent = randomBig(bits / 8);
        await nextFrame();
        let t = performance.now();
        const expected = plainModPow(base, exponent, N);
        const plainTime = performance.now() - t;
        t = performance.now();
        const actual = modPow(base, exponent, N);
        const windowTime = performance.now() - t;
        if (actual !== expected) throw new Error('modPow disagrees with square-and-multiply');
        if (i < 0) continue;
        plain.push(plainTime);
        windowed.push(windowTime);
      }
      out[bits] = { squareAndMultiply: stats(plain), slidingWindow: stats(windowed) };
    }
    return out;
  },

  /**
   * One full USER_SRP_AUTH sign-in against the pool; returns milliseconds. 'sdk': the SDK's
   * authenticateUser. 'native': our SRP maths over two plain fetch calls, a fresh A; 'native-prepared':
   * the same with A computed before the clock starts (as <auth-signin> does in idle time).
   */
  async signIn(kind, pool, email, password) {
    localStorage.clear();
    const ephemeral = kind === 'native-prepared' ? await prepareEphemeral() : undefined;
    const userPool = new CognitoUserPool({ UserPoolId: pool.poolId, ClientId: pool.clientId, endpoint: pool.url });
    await nextFrame();
    const t = performance.now();
    if (kind === 'sdk') {
      const user = new CognitoUser({ Username: email, Pool: userPool });
      const details = new AuthenticationDetails({ Username: email, Password: password });
      await new Promise((resolve, reject) => user.authenticateUser(details, { onSuccess: resolve, onFailure: reject }));
    } else {
      await ourSrpSignIn(pool, email, password, ephemeral);
    }
    return performance.now() - t;
  },
};
