// Chrome's managed_schema.json (storage.managed_schema in the manifest), generated from the
// policy's zod schema so the two cannot drift. Chrome accepts only a strict subset of JSON
// Schema and refuses to load the extension otherwise (docs/architecture.md, "Chrome's managed schema"), so zod's output is
// rebuilt from an allow-list of keywords, and anything Chrome cannot express is a build
// error rather than a schema Chrome rejects on the school's PCs.
import * as z from 'zod/mini';
import { policySchema } from './schema';

export type ManagedSchemaNode = {
  type: ChromeType;
  description?: string;
  properties?: Record<string, ManagedSchemaNode>;
  additionalProperties?: ManagedSchemaNode;
  items?: ManagedSchemaNode;
  enum?: (string | number | boolean)[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  required?: string[];
};

export type ManagedSchemaOptions = {
  /**
   * Keep value constraints (enum, pattern, minimum, maximum, required). Off by default:
   * Chrome does not publish a policy value that fails the schema, so with constraints one
   * typo ("mode": "Block") would silently drop the whole "categories" policy and the PC
   * would run on defaults with no error anywhere. Without them Chrome passes the value on
   * and parsePolicy reports it, with its path, on the PC (and keeps the last good policy).
   * Types still matter: Chrome uses them to read Windows registry values.
   */
  valueConstraints?: boolean;
};

const CHROME_TYPES = ['object', 'array', 'string', 'integer', 'number', 'boolean'] as const;
type ChromeType = (typeof CHROME_TYPES)[number];

// Chrome stores integer bounds as 32-bit ints; zod's safe-integer bounds would not parse.
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** Whether a pattern stays within RE2, which Chrome uses: no look-around, no backreferences. */
export function isRe2Pattern(pattern: string): boolean {
  return !/\(\?<?[=!]|\\[1-9]|\\k</.test(pattern);
}

type JsonSchema = Record<string, unknown>;

function isObject(v: unknown): v is JsonSchema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fail(path: string, why: string): never {
  throw new Error(`managed_schema: ${path || '(root)'} ${why}`);
}

function resolveRef(ref: string, root: JsonSchema, path: string): JsonSchema {
  if (ref === '#') return root;
  const name = /^#\/(?:\$defs|definitions)\/(.+)$/.exec(ref)?.[1];
  const defs = { ...(isObject(root.definitions) ? root.definitions : {}), ...(isObject(root.$defs) ? root.$defs : {}) };
  const target = name === undefined ? undefined : defs[name];
  return isObject(target) ? target : fail(path, `has an unresolvable $ref ${ref}`);
}

function typeOf(node: JsonSchema, path: string): ChromeType {
  let t = node.type;
  if (t === undefined && Array.isArray(node.enum)) {
    // An enum without a type (zod's output for some literals): all values must share one.
    const kinds = new Set(node.enum.map((v) => (Number.isInteger(v) ? 'integer' : typeof v)));
    t = kinds.size === 1 ? [...kinds][0] : undefined;
  }
  if (Array.isArray(t)) fail(path, 'has a type array (a union or nullable in the policy schema)');
  return (CHROME_TYPES as readonly unknown[]).includes(t) ? (t as ChromeType) : fail(path, `has no single Chrome type (${JSON.stringify(t)})`);
}

function convert(node: JsonSchema, root: JsonSchema, path: string, opts: ManagedSchemaOptions, depth: number): ManagedSchemaNode {
  if (depth > 32) fail(path, 'is recursive; Chrome schemas cannot be inlined infinitely');
  if (typeof node.$ref === 'string') {
    const { $ref: _ref, ...rest } = node;
    return convert({ ...resolveRef(node.$ref, root, path), ...rest }, root, path, opts, depth + 1);
  }
  for (const k of ['anyOf', 'oneOf', 'allOf', 'not', 'prefixItems']) {
    if (k in node) fail(path, `uses ${k}, which Chrome cannot express; keep unions out of the policy`);
  }
  const values = 'const' in node ? [node.const] : Array.isArray(node.enum) ? node.enum : undefined;
  const type = typeOf(values ? { ...node, enum: values } : node, path);
  const out: ManagedSchemaNode = { type };
  if (typeof node.description === 'string') out.description = node.description;

  if (type === 'object') {
    if (isObject(node.properties)) {
      out.properties = Object.fromEntries(
        Object.entries(node.properties).map(([k, v]) => [k, convert(isObject(v) ? v : {}, root, `${path}.${k}`, opts, depth + 1)]),
      );
    }
    // A boolean additionalProperties (zod's strict objects) is not accepted: dropped.
    if (isObject(node.additionalProperties)) {
      out.additionalProperties = convert(node.additionalProperties, root, `${path}{*}`, opts, depth + 1);
    }
    if (opts.valueConstraints && Array.isArray(node.required) && node.required.length > 0) {
      out.required = node.required.map(String);
    }
  }
  if (type === 'array') {
    out.items = isObject(node.items) ? convert(node.items, root, `${path}[]`, opts, depth + 1) : fail(path, 'is an array without one items schema');
  }
  if (opts.valueConstraints) {
    if (values) out.enum = values.filter((v): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v));
    if (typeof node.pattern === 'string') {
      out.pattern = isRe2Pattern(node.pattern) ? node.pattern : fail(path, `has a pattern RE2 cannot run: ${node.pattern}`);
    }
    for (const k of ['minimum', 'maximum'] as const) {
      const v = node[k];
      if (typeof v === 'number' && Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX) out[k] = v;
    }
  }
  return out;
}

/** Chrome's managed schema for any zod object schema; throws, naming the node, on what Chrome cannot express. */
export function toManagedSchema(zodSchema: z.core.$ZodType, opts: ManagedSchemaOptions = {}): ManagedSchemaNode {
  const json = z.toJSONSchema(zodSchema, { io: 'input', unrepresentable: 'throw' }) as JsonSchema;
  const schema = convert(json, json, '', opts, 0);
  if (schema.type !== 'object' || !schema.properties) fail('', 'must be an object with properties');
  // Chrome: the top level's properties are the policies; it must not have additionalProperties.
  delete schema.additionalProperties;
  return schema;
}

/** The managed_schema.json object for the manifest: top-level "object" with the policy keys as its properties. */
export function buildManagedSchema(opts: ManagedSchemaOptions = {}): ManagedSchemaNode {
  return toManagedSchema(policySchema(), opts);
}
