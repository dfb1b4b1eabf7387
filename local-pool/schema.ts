// The pool's attribute schema: Cognito's standard attributes plus the custom ones it declares, and
// the checks every write of attributes gets (names, mutability, types, lengths). AWS documents the
// attributes and their types at
// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html and
// the schema shape (SchemaAttributeType) at
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SchemaAttributeType.html
import { invalidParameter } from './errors.js';
import type { AttributeType } from './input.js';

export type AttributeDataType = 'String' | 'Number' | 'Boolean' | 'DateTime';

/** One attribute as Cognito's CreateUserPool `Schema` / DescribeUserPool `SchemaAttributes` give it. */
export interface SchemaAttribute {
  /** `company` or `custom:company` (both mean the custom attribute custom:company). */
  Name: string;
  /** Default 'String'. */
  AttributeDataType?: AttributeDataType;
  /** Absent = false: a custom attribute is immutable unless declared mutable. */
  Mutable?: boolean;
  /** Standard attributes only: the pool requires it at sign-up (custom ones cannot be required). */
  Required?: boolean;
  DeveloperOnlyAttribute?: boolean;
  /** Strings, as Cognito gives them: `{ "MinValue": "1", "MaxValue": "5" }`. */
  NumberAttributeConstraints?: { MinValue?: string; MaxValue?: string };
  StringAttributeConstraints?: { MinLength?: string; MaxLength?: string };
}

/** A resolved attribute: its full name, type, whether it can change after creation, and its bounds. */
export interface AttributeRule {
  name: string;
  type: AttributeDataType;
  mutable: boolean;
  /** String: length bounds; Number: value bounds. */
  min: number | null;
  max: number | null;
}

const STANDARD = [
  'address',
  'birthdate',
  'email',
  'family_name',
  'gender',
  'given_name',
  'locale',
  'middle_name',
  'name',
  'nickname',
  'phone_number',
  'picture',
  'preferred_username',
  'profile',
  'website',
  'zoneinfo',
];

/** Cognito's standard attributes: strings up to 2048 characters, except these three (and sub). */
function standardRules(): Map<string, AttributeRule> {
  const rules = new Map<string, AttributeRule>();
  const add = (name: string, type: AttributeDataType, mutable = true) => rules.set(name, { name, type, mutable, min: null, max: null });
  for (const name of STANDARD) add(name, 'String');
  add('email_verified', 'Boolean');
  add('phone_number_verified', 'Boolean');
  add('updated_at', 'Number');
  add('sub', 'String', false);
  return rules;
}

export const isStandardAttribute = (name: string) => name === 'sub' || standardRules().has(name);

/** Cognito's limit for a custom attribute's name (without `custom:`). */
const CUSTOM_NAME = /^[\w.-]{1,20}$/;
const TYPES: Record<string, AttributeDataType> = { string: 'String', number: 'Number', boolean: 'Boolean', datetime: 'DateTime' };
/** Longest value Cognito stores for any string attribute, and the cap on a declared MaxLength. */
const MAX_STRING = 2048;

function bound(text: string | undefined, what: string): number | null {
  if (text === undefined || text === '') return null;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Error(`${what} must be a number, not "${text}"`);
  return value;
}

/** A custom attribute from Cognito's SchemaAttributeType shape. */
function customRule(attribute: SchemaAttribute): AttributeRule {
  const bare = attribute.Name.replace(/^custom:/, '');
  const name = `custom:${bare}`;
  if (!CUSTOM_NAME.test(bare)) throw new Error(`custom attribute "${attribute.Name}": the name must be 1-20 letters, digits, _, . or -`);
  if (attribute.DeveloperOnlyAttribute) throw new Error(`custom attribute "${attribute.Name}": developer-only (dev:) attributes are not supported`);
  const type = attribute.AttributeDataType ?? 'String';
  if (!Object.values(TYPES).includes(type))
    throw new Error(`custom attribute "${attribute.Name}": AttributeDataType must be String, Number, Boolean or DateTime`);
  let min: number | null = null;
  let max: number | null = null;
  if (type === 'String') {
    min = bound(attribute.StringAttributeConstraints?.MinLength, `${name} MinLength`);
    max = bound(attribute.StringAttributeConstraints?.MaxLength, `${name} MaxLength`);
    if ((min !== null && min < 0) || (max !== null && max > MAX_STRING)) throw new Error(`${name}: string lengths must lie within 0..${MAX_STRING}`);
  } else if (type === 'Number') {
    min = bound(attribute.NumberAttributeConstraints?.MinValue, `${name} MinValue`);
    max = bound(attribute.NumberAttributeConstraints?.MaxValue, `${name} MaxValue`);
  }
  if (min !== null && max !== null && min > max) throw new Error(`${name}: the minimum ${min} is above the maximum ${max}`);
  return { name, type, mutable: attribute.Mutable ?? false, min, max };
}

/**
 * Parses the CLI form: comma-separated `name:type[:mutable][:MIN..MAX]`, type one of string,
 * number, boolean, datetime; MIN..MAX bounds a string's length or a number's value, either end
 * may be left out (`..500`, `1..`). E.g. `company:string,tier:number:mutable:1..5`.
 */
export function parseCustomAttributes(text: string): SchemaAttribute[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [name, typeText = '', ...rest] = part.split(':').filter((piece, i) => !(i === 0 && piece === 'custom'));
      const type = TYPES[typeText.toLowerCase()];
      if (!name || !type) throw new Error(`custom attribute "${part}" must be name:type[:mutable][:MIN..MAX] with type string, number, boolean or datetime`);
      const attribute: SchemaAttribute = { Name: name, AttributeDataType: type, Mutable: false };
      for (const modifier of rest) {
        const range = /^(-?[\d.]*)\.\.(-?[\d.]*)$/.exec(modifier);
        if (modifier.toLowerCase() === 'mutable') attribute.Mutable = true;
        else if (range && type === 'String') attribute.StringAttributeConstraints = { MinLength: range[1], MaxLength: range[2] };
        else if (range && type === 'Number') attribute.NumberAttributeConstraints = { MinValue: range[1], MaxValue: range[2] };
        else throw new Error(`custom attribute "${part}": "${modifier}" is neither "mutable" nor a MIN..MAX range for a string or number`);
      }
      return attribute;
    });
}

/**
 * Reads a schema file: a list of SchemaAttributeType, CreateUserPool's input (`{ "Schema": [...] }`)
 * or DescribeUserPool's output (`{ "UserPool": { "SchemaAttributes": [...] } }`). Custom entries
 * become custom attributes; standard ones marked `Required` become required attributes.
 */
export function parseSchemaFile(json: unknown): { customAttributes: SchemaAttribute[]; requiredAttributes: string[] } {
  const root = json as { Schema?: unknown; UserPool?: { SchemaAttributes?: unknown } } | null;
  const list = Array.isArray(json) ? json : (root?.Schema ?? root?.UserPool?.SchemaAttributes);
  if (!Array.isArray(list))
    throw new Error('a schema file holds a list of SchemaAttributeType, { "Schema": [...] } or { "UserPool": { "SchemaAttributes": [...] } }');
  const entries = list.map((entry: unknown, i) => {
    if (!entry || typeof entry !== 'object' || typeof (entry as SchemaAttribute).Name !== 'string') throw new Error(`schema entry ${i + 1} has no Name`);
    return entry as SchemaAttribute;
  });
  return {
    customAttributes: entries.filter((entry) => !isStandardAttribute(entry.Name)),
    requiredAttributes: entries.filter((entry) => isStandardAttribute(entry.Name) && entry.Required).map((entry) => entry.Name),
  };
}

/** The schema a pool checks writes against: the standard attributes and the declared custom ones. */
export class AttributeSchema {
  private readonly rules = standardRules();

  constructor(custom: SchemaAttribute[] = []) {
    for (const attribute of custom) {
      const rule = customRule(attribute);
      if (this.rules.has(rule.name)) throw new Error(`custom attribute ${rule.name} is declared twice`);
      this.rules.set(rule.name, rule);
    }
  }

  /** The declared custom attributes, in declaration order. */
  get custom(): AttributeRule[] {
    return [...this.rules.values()].filter((rule) => rule.name.startsWith('custom:'));
  }

  /**
   * Throws Cognito's InvalidParameterException for the first attribute that breaks the schema.
   * `when` 'create' (SignUp, AdminCreateUser) may set immutable attributes; 'update' may not.
   */
  check(attributes: AttributeType[], when: 'create' | 'update') {
    for (const { Name, Value } of attributes) {
      const rule = this.rules.get(Name);
      if (!rule) throw schemaError(Name, 'Attribute does not exist in the schema.');
      if (Name === 'sub') throw invalidParameter('Cannot modify the non-mutable attribute sub');
      // Immutable means settable at creation only, even if the user never had a value (AWS's attributes guide).
      if (when === 'update' && !rule.mutable) throw schemaError(Name, 'Attribute cannot be updated.');
      // An empty value deletes the attribute in an update; there is nothing to type-check.
      if (Value === '' && when === 'update') continue;
      checkValue(rule, Value);
    }
  }
}

// Cognito's schema errors read "Attributes did not conform to the schema: <name>: <reason>".
const schemaError = (name: string, reason: string) => invalidParameter(`Attributes did not conform to the schema: ${name}: ${reason}`);

const NUMBER = /^-?\d+(\.\d+)?$/;

function checkValue(rule: AttributeRule, value: string) {
  const { name, type, min, max } = rule;
  if (type === 'Number') {
    if (!NUMBER.test(value)) throw schemaError(name, 'Number must be a number.');
    if (min !== null && Number(value) < min) throw schemaError(name, `Number must be no less than ${min}`);
    if (max !== null && Number(value) > max) throw schemaError(name, `Number must be no greater than ${max}`);
  } else if (type === 'Boolean') {
    if (value !== 'true' && value !== 'false') throw schemaError(name, 'Boolean must be true or false.');
  } else if (type === 'DateTime') {
    if (Number.isNaN(Date.parse(value))) throw schemaError(name, 'DateTime must be a date and time (ISO 8601).');
  }
  const length = [...value].length;
  if (length > (type === 'String' && max !== null ? max : MAX_STRING)) {
    throw schemaError(name, `String must be no longer than ${type === 'String' && max !== null ? max : MAX_STRING} characters`);
  }
  if (type === 'String' && min !== null && length < min) throw schemaError(name, `String must be no shorter than ${min} characters`);
}
