// The policy as the editor page edits it (#14): a plain JSON object that may be invalid,
// changed one path at a time, and the validation errors that belong to each field. Pure, so
// the page's behaviour is tested in Node.
import type { PolicyError } from './types';

export type Draft = Record<string, unknown>;
export type DraftPath = readonly (string | number)[];

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value at `path`, or undefined where the draft has none (or another shape). */
export function getAt(draft: unknown, path: DraftPath): unknown {
  let node: unknown = draft;
  for (const seg of path) {
    if (typeof seg === 'number') node = Array.isArray(node) ? node[seg] : undefined;
    else node = isPlainObject(node) ? node[seg] : undefined;
  }
  return node;
}

/**
 * A copy of `draft` with `value` at `path`. `undefined` removes the key, and an object
 * left empty by that is removed too, so "not set" in the form is absent from the policy.
 */
export function setAt(draft: Draft, path: DraftPath, value: unknown): Draft {
  const put = (node: unknown, i: number): unknown => {
    const seg = path[i];
    if (seg === undefined) return value;
    if (typeof seg === 'number') {
      const list = Array.isArray(node) ? [...(node as unknown[])] : [];
      const child = put(list[seg], i + 1);
      if (child === undefined) list.splice(seg, 1);
      else list[seg] = child;
      return list;
    }
    const obj: Record<string, unknown> = isPlainObject(node) ? { ...node } : {};
    const child = put(obj[seg], i + 1);
    if (child === undefined) delete obj[seg];
    else obj[seg] = child;
    // Only the containers on the path are pruned, and never the top level.
    return i > 0 && Object.keys(obj).length === 0 ? undefined : obj;
  };
  return (put(draft, 0) as Draft | undefined) ?? {};
}

/** The policy path string of a draft path, as PolicyError.path writes it (`a.b[2].c`). */
export function pathString(path: DraftPath): string {
  return path.reduce<string>((out, seg) => (typeof seg === 'number' ? `${out}[${seg}]` : out === '' ? seg : `${out}.${seg}`), '');
}

/** Errors at `prefix` or below it. */
export function errorsUnder(errors: readonly PolicyError[], prefix: string): PolicyError[] {
  return errors.filter((e) => e.path === prefix || e.path.startsWith(`${prefix}.`) || e.path.startsWith(`${prefix}[`));
}

/** Errors under `prefix` that none of `taken` (more specific prefixes shown elsewhere) claims. */
export function errorsLeft(errors: readonly PolicyError[], prefix: string, taken: readonly string[]): PolicyError[] {
  const claimed = new Set(taken.flatMap((p) => errorsUnder(errors, p)));
  return errorsUnder(errors, prefix).filter((e) => !claimed.has(e));
}

/** A one-per-line list from a textarea: lines trimmed, blank lines dropped; none → undefined (not set). */
export function linesToList(text: string): string[] | undefined {
  const list = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  return list.length === 0 ? undefined : list;
}

/** A list as textarea text; entries that are not text are shown as JSON, so nothing vanishes. */
export function listToLines(value: unknown): string {
  if (!Array.isArray(value)) return value === undefined ? '' : JSON.stringify(value);
  return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('\n');
}

/** A number field's text as the draft holds it: an integer, or the text itself so validation names it. */
export function numberFromInput(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return /^-?\d+$/.test(t) ? Number(t) : t;
}

/** The draft as the JSON box and policy.json show it. */
export function draftToJson(draft: Draft): string {
  return `${JSON.stringify(draft, null, 2)}\n`;
}
