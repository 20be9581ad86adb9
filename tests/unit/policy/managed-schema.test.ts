import { describe, expect, test } from 'vitest';
import * as z from 'zod';
import { buildManagedSchema, isRe2Pattern, toManagedSchema } from '../../../utils/policy/managed-schema';
import { policySchema } from '../../../utils/policy/schema';
import { CATEGORY_IDS } from '../../../utils/policy/constants';

// Chrome's rules for managed_schema.json (docs/architecture.md, "Chrome's managed schema"), checked independently of the
// generator: a violation makes Chrome refuse to load the extension on every school PC.
const CHROME_TYPES = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);
const ALLOWED_KEYS = new Set(['type', 'description', 'properties', 'additionalProperties', 'items', 'enum', 'pattern', 'minimum', 'maximum', 'required']);
const INT32 = [-(2 ** 31), 2 ** 31 - 1] as const;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every Chrome-rule violation in `node`, each with its path. */
function violations(node: unknown, path = '(root)'): string[] {
  if (!isObject(node)) return [`${path}: not an object schema`];
  const out: string[] = [];
  const bad = (why: string) => out.push(`${path}: ${why}`);
  for (const k of Object.keys(node)) if (!ALLOWED_KEYS.has(k)) bad(`keyword "${k}" is not in Chrome's subset`);
  if (typeof node.type !== 'string') bad(`type must be one string, is ${JSON.stringify(node.type)}`);
  else if (!CHROME_TYPES.has(node.type)) bad(`unknown type ${node.type}`);
  if ('additionalProperties' in node && !isObject(node.additionalProperties)) bad('additionalProperties must be a schema object, never a boolean');
  if ('properties' in node) {
    if (node.type !== 'object' || !isObject(node.properties)) bad('properties only on an object, as an object');
    else for (const [k, v] of Object.entries(node.properties)) out.push(...violations(v, `${path}.${k}`));
  }
  if (isObject(node.additionalProperties)) out.push(...violations(node.additionalProperties, `${path}{*}`));
  if (node.type === 'array') {
    if (!isObject(node.items)) bad('an array needs one items schema');
    else out.push(...violations(node.items, `${path}[]`));
  }
  if ('enum' in node) {
    if (!Array.isArray(node.enum) || node.enum.length === 0) bad('enum must be a non-empty array');
    else if (!node.enum.every((v) => (node.type === 'integer' ? Number.isInteger(v) : typeof v === node.type))) bad('enum values must match the type');
  }
  if ('pattern' in node && (typeof node.pattern !== 'string' || !isRe2Pattern(node.pattern))) bad('pattern must be RE2 (no look-around, no backreference)');
  for (const k of ['minimum', 'maximum'] as const) {
    const v = node[k];
    if (k in node && !(typeof v === 'number' && Number.isInteger(v) && v >= INT32[0] && v <= INT32[1])) bad(`${k} must be a 32-bit integer`);
  }
  if ('required' in node && !(Array.isArray(node.required) && node.required.every((r) => typeof r === 'string'))) bad('required must list strings');
  if (typeof node.description !== 'undefined' && typeof node.description !== 'string') bad('description must be a string');
  return out;
}

describe.each([
  ['default (structure only)', buildManagedSchema()],
  ['with value constraints', buildManagedSchema({ valueConstraints: true })],
])('managed_schema.json, %s', (_name, schema) => {
  test('obeys every Chrome rule', () => {
    expect(violations(schema)).toEqual([]);
  });

  test('top level: type object with properties and no additionalProperties', () => {
    expect(schema.type).toBe('object');
    expect(schema.properties).toBeDefined();
    expect(schema).not.toHaveProperty('additionalProperties');
  });

  test('every top-level policy key is a policy', () => {
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual(Object.keys(policySchema().shape).sort());
  });

  test('every built-in category is a property of categories, with mode/add/remove', () => {
    const categories = schema.properties?.categories;
    expect(Object.keys(categories?.properties ?? {})).toEqual([...CATEGORY_IDS]);
    for (const id of CATEGORY_IDS) expect(Object.keys(categories?.properties?.[id]?.properties ?? {})).toEqual(['mode', 'add', 'remove']);
  });

  test('types Chrome needs to read registry values', () => {
    const p = schema.properties ?? {};
    expect(p.retentionDays?.type).toBe('integer');
    expect(p.unlock?.properties?.minutes?.type).toBe('integer');
    expect(p.lockSettings?.type).toBe('boolean');
    expect(p.allow).toMatchObject({ type: 'array', items: { type: 'string' } });
    expect(p.schedule?.properties?.weekly?.properties?.mon).toMatchObject({ type: 'array', items: { type: 'string' } });
    expect(p.customCategories?.items?.properties?.name?.properties?.zh_CN?.type).toBe('string');
  });
});

test('by default no value constraint, so Chrome passes a wrong value on and parsePolicy reports it', () => {
  const text = JSON.stringify(buildManagedSchema());
  for (const k of ['enum', 'pattern', 'minimum', 'maximum', 'required']) expect(text).not.toContain(`"${k}"`);
});

test('with value constraints, enums and bounds survive', () => {
  const schema = buildManagedSchema({ valueConstraints: true });
  expect(schema.properties?.categories?.properties?.video?.properties?.mode).toMatchObject({ type: 'string', enum: ['block', 'log', 'off'] });
  expect(schema.properties?.retentionDays).toMatchObject({ minimum: 1, maximum: 3650 });
});

test('the walker itself catches each kind of violation', () => {
  expect(violations({ type: 'object', properties: { a: { type: ['string', 'null'] } } })).toHaveLength(1);
  expect(violations({ type: 'object', additionalProperties: false })).toHaveLength(1);
  expect(violations({ type: 'object', properties: { a: { anyOf: [] } } }).length).toBeGreaterThan(0);
  expect(violations({ type: 'string', pattern: '^(?!www\\.)' })).toHaveLength(1);
  expect(violations({ type: 'string', pattern: '(a)\\1' })).toHaveLength(1);
  expect(violations({ type: 'array' })).toHaveLength(1);
  expect(violations({ type: 'string', const: 'x' })).toHaveLength(1);
  expect(violations({ type: 'integer', maximum: Number.MAX_SAFE_INTEGER })).toHaveLength(1);
});

describe('the generator refuses what Chrome cannot express, naming the node', () => {
  test.each([
    ['a union', z.object({ a: z.union([z.string(), z.number()]) }), /\.a (uses anyOf|has a type array)/],
    ['a nullable', z.object({ a: z.object({ b: z.string().nullable() }) }), /\.a\.b (uses anyOf|has a type array)/],
    ['a tuple', z.object({ a: z.tuple([z.string()]) }), /\.a/],
    ['a look-ahead', z.object({ a: z.string().regex(/^(?!www)/) }), /\.a has a pattern RE2 cannot run/],
    ['not an object', z.string(), /must be an object/],
  ])('%s', (_name, schema, message) => {
    expect(() => toManagedSchema(schema, { valueConstraints: true })).toThrow(message);
  });

  test('a const becomes a typed enum; a record becomes an additionalProperties schema', () => {
    const schema = toManagedSchema(z.object({ a: z.literal('x'), b: z.record(z.string(), z.int()) }), { valueConstraints: true });
    expect(schema.properties?.a).toEqual({ type: 'string', enum: ['x'] });
    expect(schema.properties?.b).toEqual({ type: 'object', additionalProperties: { type: 'integer' } });
    expect(violations(schema)).toEqual([]);
  });
});
