// Turns zod issues into PolicyErrors: a JSON path the admin can find in their file, and a
// message key with arguments that _locales turns into a sentence they can act on.
import type * as z from 'zod/mini';
import type { PolicyError, PolicyErrorKey } from './types';
import { exampleForPath } from './examples';
import { quotePolicyValue } from './fields';

type Segment = PropertyKey;

/** `schedule.weekly.mon[1]`; odd keys (unknown ones may hold anything) in brackets. */
export function formatPolicyPath(path: readonly Segment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'string' && /^[A-Za-z_$][\w$]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out;
}

/** A value of the wrong type, shown as JSON (what the admin wrote), cut to one line. */
function show(input: unknown): string {
  try {
    return quotePolicyValue(JSON.stringify(input) ?? String(input));
  } catch {
    return quotePolicyValue(String(input));
  }
}

const TYPE_KEY: Record<string, PolicyErrorKey> = {
  string: 'policyErrTypeString',
  int: 'policyErrTypeInteger',
  boolean: 'policyErrTypeBoolean',
  array: 'policyErrTypeArray',
  object: 'policyErrTypeObject',
};

// ---- Unknown keys: find the object's known keys, suggest the nearest ----

type Schema = z.core.$ZodType;
/** A schema's definition, read through zod's core types (the same for zod and zod/mini). */
const defOf = (node: Schema) => (node as z.core.$ZodTypes)._zod.def;

/** Looks through the wrappers that optional(), default() and transform() put around a schema. */
function unwrap(node: Schema): Schema {
  let n = node;
  for (;;) {
    const def = defOf(n);
    if (def.type === 'optional' || def.type === 'default') n = def.innerType;
    else if (def.type === 'pipe') n = def.in;
    else return n;
  }
}

/** The schema at `path` below `schema`, unwrapped, if the path exists in the schema. */
function schemaAt(schema: Schema, path: readonly Segment[]): Schema | undefined {
  let node = unwrap(schema);
  for (const seg of path) {
    const def = defOf(node);
    let child: Schema | undefined;
    if (def.type === 'object') child = def.shape[String(seg)];
    else if (def.type === 'array') child = def.element;
    if (child === undefined) return undefined;
    node = unwrap(child);
  }
  return node;
}

/** The object schema's own keys, or none. */
function keysOf(node: Schema | undefined): string[] {
  const def = node && defOf(node);
  return def?.type === 'object' ? Object.keys(def.shape) : [];
}

/** A whole-number schema (z.int()): zod reports a non-number there as expected "number". */
function isIntSchema(node: Schema | undefined): boolean {
  const def = node && (defOf(node) as { type: string; format?: string });
  return def?.type === 'number' && (def.format ?? '').includes('int');
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** The known key an admin most likely meant: case, "_"/"-" and about one typo in three letters forgiven. */
export function nearestKey(unknown: string, known: readonly string[]): string | undefined {
  const simplify = (s: string) => s.toLowerCase().replace(/[_\-\s]/g, '');
  const u = simplify(unknown);
  let best: { key: string; d: number } | undefined;
  for (const key of known) {
    const d = editDistance(u, simplify(key));
    if (d <= Math.max(1, Math.floor(key.length / 3)) && (best === undefined || d < best.d)) best = { key, d };
  }
  return best?.key;
}

// ---- The mapping ----

function paramsOf(issue: z.core.$ZodIssue): { key: PolicyErrorKey; args: string[] } | undefined {
  if (issue.code !== 'custom') return undefined;
  const p = issue.params as { key?: PolicyErrorKey; args?: string[] } | undefined;
  return p?.key && p.args ? { key: p.key, args: p.args } : undefined;
}

function toErrors(issue: z.core.$ZodIssue, schema: Schema): PolicyError[] {
  const path = formatPolicyPath(issue.path);
  const at = (key: PolicyErrorKey, args: string[], p = path): PolicyError => ({ path: p, key, args });
  switch (issue.code) {
    case 'custom': {
      const p = paramsOf(issue);
      return [p ? at(p.key, p.args) : at('policyErrInvalid', [])];
    }
    case 'unrecognized_keys': {
      const known = keysOf(schemaAt(schema, issue.path));
      return issue.keys.map((k) => {
        const keyPath = formatPolicyPath([...issue.path, k]);
        const near = nearestKey(k, known);
        return near ? at('policyErrUnknownKeySuggest', [k, near], keyPath) : at('policyErrUnknownKey', [k], keyPath);
      });
    }
    case 'invalid_type': {
      if (issue.input === undefined) return [at('policyErrRequired', [String(issue.path[issue.path.length - 1] ?? '')])];
      // zod says "number" for a non-number given to z.int(); the admin needs to hear "whole number".
      const expected = isIntSchema(schemaAt(schema, issue.path)) ? 'int' : issue.expected;
      const key = TYPE_KEY[expected];
      // Text and lists also show an example of what belongs at this path (#14).
      const args = expected === 'string' || expected === 'array' ? [show(issue.input), exampleForPath(issue.path)] : [show(issue.input)];
      return [key ? at(key, args) : at('policyErrInvalid', [])];
    }
    case 'invalid_value': {
      if (issue.input === undefined) return [at('policyErrRequired', [String(issue.path[issue.path.length - 1] ?? '')])];
      const value = typeof issue.input === 'string' ? quotePolicyValue(issue.input) : show(issue.input);
      return [at('policyErrEnum', [value, issue.values.map((v) => String(v)).join(', ')])];
    }
    case 'too_small':
      // The only minimum length on text is 1 (names); URL keywords have their own message.
      if (issue.origin === 'string') return [at('policyErrTextEmpty', [])];
      return [at('policyErrNumberTooSmall', [show(issue.input), String(issue.minimum)])];
    case 'too_big':
      if (issue.origin === 'string') {
        return [at('policyErrTextTooLong', [String(issue.maximum), String(typeof issue.input === 'string' ? issue.input.length : '')])];
      }
      return [at('policyErrNumberTooBig', [show(issue.input), String(issue.maximum)])];
    default:
      return [at('policyErrInvalid', [])];
  }
}

/** All errors of a failed parse, in document order as zod found them. */
export function toPolicyErrors(issues: readonly z.core.$ZodIssue[], schema: Schema): PolicyError[] {
  return issues.flatMap((issue) => toErrors(issue, schema));
}
