// A remembered device's SRP credentials, exactly as amazon-cognito-identity-js makes them
// (AuthenticationHelper.generateHashDevice, CognitoUser.confirmDevice / getDeviceResponse): the
// device has a random password; the pool keeps only its verifier, and a later sign-in proves the
// device with SRP, its group key in place of the pool name and its key in place of the username.
import { bytesToHex, fromHex, modPow, padHex, hexToBytes } from './srp/bigint.js';
import { N, bytesToBase64, computeX, g } from './srp/srp-client.js';

/** ConfirmDevice's DeviceSecretVerifierConfig, and the password to keep on this device. */
export async function deviceVerifier(deviceGroupKey: string, deviceKey: string): Promise<{ password: string; salt: string; verifier: string }> {
  // 40 random bytes in base64, as the SDK's generateRandomString.
  const password = bytesToBase64(crypto.getRandomValues(new Uint8Array(40)));
  const salt = fromHex(bytesToHex(crypto.getRandomValues(new Uint8Array(16))));
  const x = await computeX(deviceGroupKey, deviceKey, password, salt);
  const verifier = modPow(g, x, N);
  return {
    password,
    salt: bytesToBase64(hexToBytes(padHex(salt))),
    verifier: bytesToBase64(hexToBytes(padHex(verifier))),
  };
}
