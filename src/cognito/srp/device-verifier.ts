// Stands in for the SDK's AuthenticationHelper where CognitoUser.authenticateUserInternal needs
// one: the NEW_PASSWORD_REQUIRED attribute prefix, and a device verifier when the pool tracks
// devices (AuthenticationResult.NewDeviceMetadata). Same algorithm as the SDK's
// generateHashDevice, on native BigInt, so no BigInteger work happens on the sign-in path.
import { bytesToHex, fromHex, modPow, padHex } from './bigint.js';
import { hexHash, sha256Hex, utf8 } from './hash.js';
import { bytesToBase64, g, N } from './srp-client.js';

const randomBytes = (count: number) => crypto.getRandomValues(new Uint8Array(count));

export class DeviceVerifierHelper {
  private randomPassword = '';
  private salt = '';
  private verifier = '';

  getNewPasswordRequiredChallengeUserAttributePrefix(): string {
    return 'userAttributes.';
  }

  generateHashDevice(deviceGroupKey: string, username: string, callback: (err: unknown, result: null) => void): void {
    this.randomPassword = bytesToBase64(randomBytes(40));
    this.salt = padHex(fromHex(bytesToHex(randomBytes(16))));
    sha256Hex(utf8(`${deviceGroupKey}${username}:${this.randomPassword}`))
      .then((hashed) => hexHash(this.salt + hashed))
      .then((x) => {
        this.verifier = padHex(modPow(g, fromHex(x), N));
        callback(null, null);
      }, (err) => callback(err, null));
  }

  getRandomPassword(): string {
    return this.randomPassword;
  }

  getSaltDevices(): string {
    return this.salt;
  }

  getVerifierDevices(): string {
    return this.verifier;
  }
}
