// Typed reads of a request body, answering Cognito-shaped errors for missing or mistyped fields.
import { CognitoError, err } from './errors.js';

export interface AttributeType {
  Name: string;
  Value: string;
}

const camel = (name: string) => name[0].toLowerCase() + name.slice(1);

const mistyped = (name: string, type: string) => new CognitoError('SerializationException', `Value at '${camel(name)}' must be ${type}.`);

/** A request body; null fields count as absent and unknown fields are ignored (§1.1). */
export class Input {
  constructor(readonly body: Record<string, unknown>) {}

  /** A required non-empty string. */
  string(name: string): string {
    const value = this.optionalString(name);
    if (value === undefined) {
      throw err(
        'InvalidParameterException',
        `1 validation error detected: Value null at '${camel(name)}' failed to satisfy constraint: Member must not be null`,
      );
    }
    if (value === '') {
      throw err(
        'InvalidParameterException',
        `1 validation error detected: Value at '${camel(name)}' failed to satisfy constraint: Member must have length greater than or equal to 1`,
      );
    }
    return value;
  }

  optionalString(name: string): string | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw mistyped(name, 'a string');
    return value;
  }

  optionalBoolean(name: string): boolean | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw mistyped(name, 'a boolean');
    return value;
  }

  /** An optional whole number (Limit, Precedence); the range is the caller's to check. */
  optionalInteger(name: string): number | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) throw mistyped(name, 'an integer');
    return value;
  }

  /** A string map such as AuthParameters; null values (DEVICE_KEY: null) are dropped. */
  map(name: string): Record<string, string> {
    const value = this.body[name];
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value)) throw mistyped(name, 'an object');
    const out: Record<string, string> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (item === null || item === undefined) continue;
      if (typeof item !== 'string') throw mistyped(`${name}.${key}`, 'a string');
      out[key] = item;
    }
    return out;
  }

  /** An optional object (e.g. SMSMfaSettings). */
  object(name: string): Input | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) throw mistyped(name, 'an object');
    return new Input(value as Record<string, unknown>);
  }

  /** A list of {Name, Value}, e.g. UserAttributes. */
  attributes(name: string): AttributeType[] {
    const value = this.body[name];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw mistyped(name, 'a list');
    return value.map((item, i) => {
      if (!item || typeof item !== 'object') throw mistyped(`${name}.${i + 1}`, 'an object');
      const { Name, Value } = item as Record<string, unknown>;
      if (typeof Name !== 'string' || Name === '') {
        throw err(
          'InvalidParameterException',
          `1 validation error detected: Value null at '${camel(name)}.${i + 1}.member.name' failed to satisfy constraint: Member must not be null`,
        );
      }
      if (Value !== undefined && Value !== null && typeof Value !== 'string') throw mistyped(`${name}.${i + 1}.Value`, 'a string');
      return { Name, Value: Value ?? '' };
    });
  }

  /** A parameter inside a map (AuthParameters, ChallengeResponses), as Cognito words its absence. */
  static required(map: Record<string, string>, key: string): string {
    const value = map[key];
    if (value === undefined || value === '') throw err('InvalidParameterException', `Missing required parameter ${key}`);
    return value;
  }
}
