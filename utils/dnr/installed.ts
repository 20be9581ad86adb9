/**
 * The rules the browser holds, in the form Qingfeng compiles them (#17: the browser's rules
 * are the truth, not a stored fingerprint). getDynamicRules() answers with what was installed
 * plus the browser's own defaults (Firefox fills in every condition key, `null` or `false` or
 * `[]`); normalising drops exactly those, so a rule rewritten in place from the extension's
 * console (same ids, same count) no longer compares equal.
 */
import { digestText } from '../digest';
import type { DnrRule } from './types';

const CONDITION_KEYS = ['regexFilter', 'urlFilter', 'isUrlFilterCaseSensitive', 'requestDomains', 'excludedRequestDomains', 'resourceTypes', 'excludedResourceTypes'] as const;

function present(value: unknown): boolean {
  return value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
}

/**
 * Keeps the fields Qingfeng sets, drops browser defaults; anything unexpected is kept, so it
 * differs. Applied to the compiled rules too, so both sides are read the same way.
 */
export function normaliseInstalledRule(raw: unknown): DnrRule {
  const rule = (raw ?? {}) as Record<string, unknown>;
  const condition = (rule.condition ?? {}) as Record<string, unknown>;
  const action = (rule.action ?? {}) as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  for (const key of Object.keys(condition)) {
    const value = condition[key];
    if (!present(value)) continue;
    // false is the default in both browsers (Qingfeng writes it on keyword rules, Firefox on all).
    if (key === 'isUrlFilterCaseSensitive' && value === false) continue;
    if (!(CONDITION_KEYS as readonly string[]).includes(key) && value === false) continue;
    kept[key] = value;
  }
  const redirect = action.redirect as Record<string, unknown> | undefined;
  const cleanRedirect = redirect ? Object.fromEntries(Object.entries(redirect).filter(([, v]) => present(v))) : undefined;
  return {
    id: rule.id as number,
    priority: (rule.priority as number | undefined) ?? 1,
    action: (cleanRedirect ? { type: action.type, redirect: cleanRedirect } : { type: action.type }) as DnrRule['action'],
    condition: kept as unknown as DnrRule['condition'],
  };
}

/**
 * A short, stable hash of a canonical rules text (cyrb53): stored and compared instead of the
 * text, which for a large list is megabytes. Not a security hash: it detects edits, and a
 * forger who could aim a collision could as well edit the rules between two reconciles.
 */
export function textHash(text: string): string {
  return `${digestText(text)}:${text.length}`;
}

/** One update of one of the browser's rule sets (updateDynamicRules, updateSessionRules): applied at once, never half. */
export interface RuleUpdate {
  removeRuleIds: number[];
  addRules: DnrRule[];
}

/**
 * The update that turns the installed rules into `rules`: only the rules that are new, gone or
 * different (normalised, as the fingerprint compares them). Issue 16: an unlock adds two small
 * rules, and replacing every rule made the browser index a 100k-domain policy again (~1 s on
 * a school PC) and read it back twice. A rule rewritten in place (#17) differs and is replaced.
 */
export function ruleUpdate(installed: readonly unknown[], rules: readonly DnrRule[]): RuleUpdate {
  const held = new Map<number, DnrRule>();
  for (const raw of installed) {
    const rule = normaliseInstalledRule(raw);
    held.set(rule.id, rule);
  }
  const wanted = new Set<number>();
  const addRules: DnrRule[] = [];
  const removeRuleIds: number[] = [];
  for (const rule of rules) {
    wanted.add(rule.id);
    const current = held.get(rule.id);
    if (current !== undefined && sameJson(current, normaliseInstalledRule(rule))) continue;
    if (current !== undefined) removeRuleIds.push(rule.id);
    addRules.push(rule);
  }
  for (const id of held.keys()) if (!wanted.has(id)) removeRuleIds.push(id);
  return { removeRuleIds, addRules };
}

/** Equal as JSON values, whatever the key order (absent and undefined keys are the same). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !sameJson(a[i], b[i])) return false;
    return true;
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined);
  const xKeys = keys(x);
  return xKeys.length === keys(y).length && xKeys.every((k) => sameJson(x[k], y[k]));
}
