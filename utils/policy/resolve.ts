/**
 * The effective configuration (docs/design.md "Effective configuration"):
 *   built-in defaults ← teacher's own settings (only keys the policy does not set, none when
 *   the policy locks settings) ← managed policy.
 * Each top-level key, and each built-in category, remembers where its value came from, so the
 * options page can mark managed keys and explain a decision.
 */
import { builtinAllow as builtinAllowList, builtinLists, type BuiltinList } from '../matching/lists';
import { DEFAULTS, type Policy, type ResolvedPolicy } from './schema';
import { CATEGORY_IDS, type CategoryId, type Mode } from './constants';
import type { CategoryRuleSet, MatchConfig } from '../matching/host-index';
import { isUnder } from '../matching/labels';

export type Source = 'default' | 'teacher' | 'policy';
export type TopKey = keyof ResolvedPolicy;
/** A place that can be set on its own: a top-level key, or one built-in category. */
export type SettingKey = Exclude<TopKey, 'categories'> | `categories.${CategoryId}`;

export interface EffectiveConfig {
  values: ResolvedPolicy;
  sources: Record<SettingKey, Source>;
  /** Settings the teacher cannot change on this PC. */
  locked: SettingKey[];
}

/** The teacher's own settings: the same shape and validation as the policy. */
export type TeacherSettings = Policy;

const TOP_KEYS = Object.keys(DEFAULTS).filter((k) => k !== 'categories') as Exclude<TopKey, 'categories'>[];
export const SETTING_KEYS: SettingKey[] = [...TOP_KEYS, ...CATEGORY_IDS.map((id) => `categories.${id}` as const)];

/** Fills a partial object from its default, one level deep (schedule, unlock, a category). */
function fill<T extends object>(base: T, over: Partial<T> | undefined): T {
  if (!over) return base;
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

function layerOf(source: Policy | null | undefined, key: SettingKey): unknown {
  if (!source) return undefined;
  if (key.startsWith('categories.')) return source.categories?.[key.slice(11) as CategoryId];
  return source[key as keyof Policy];
}

export function resolveConfig(policy: Policy | null, teacher: TeacherSettings | null): EffectiveConfig {
  // A policy locks the teacher's settings unless it says lockSettings: false.
  const policyLocksAll = policy !== null && policy.lockSettings !== false;
  const sources = {} as Record<SettingKey, Source>;
  const locked: SettingKey[] = [];
  const values = structuredClone(DEFAULTS) as ResolvedPolicy;
  const mutable = values as unknown as Record<string, unknown>;

  for (const key of SETTING_KEYS) {
    const fromPolicy = layerOf(policy, key);
    const fromTeacher = policyLocksAll ? undefined : layerOf(teacher, key);
    const chosen = fromPolicy !== undefined ? fromPolicy : fromTeacher;
    sources[key] = fromPolicy !== undefined ? 'policy' : fromTeacher !== undefined ? 'teacher' : 'default';
    if (fromPolicy !== undefined || policyLocksAll) locked.push(key);
    if (chosen === undefined) continue;
    if (key.startsWith('categories.')) {
      const id = key.slice(11) as CategoryId;
      values.categories[id] = fill(values.categories[id], chosen as Partial<ResolvedPolicy['categories'][CategoryId]>);
    } else if (key === 'schedule') {
      // Absent keys take the defaults, down to the weekday: a policy that sets only
      // `weekly.sat` adds Saturday periods and keeps Monday–Friday.
      const { weekly, ...rest } = chosen as NonNullable<Policy['schedule']>;
      values.schedule = { ...fill(values.schedule, rest), weekly: fill(values.schedule.weekly, weekly) };
    } else if (key === 'unlock') {
      values.unlock = fill(values.unlock, chosen as Partial<ResolvedPolicy['unlock']>);
    } else {
      mutable[key] = chosen;
    }
  }
  // With no policy present, lockSettings has nothing to lock.
  if (policy === null) values.lockSettings = false;
  return { values, sources, locked };
}


/**
 * The matching input for the classifier and the rule compiler.
 * - A built-in category is its built-in list, less `remove` (an entry and everything under
 *   it), plus `add`.
 * - Built-in red-packet URL keywords also match news pages, so they are logged, never
 *   blocked; a school that wants keyword blocking names its own keywords in a custom
 *   category (docs/lists.md).
 * - The built-in allow list (work tools under chat and social hosts) gives way where the
 *   school itself added a domain that covers the entry: the school's explicit choice wins.
 *   The policy's own `allow` always wins.
 */
export function buildMatchConfig(values: ResolvedPolicy, lists: Record<CategoryId, BuiltinList> = builtinLists(), builtinAllow: string[] = builtinAllowList()): MatchConfig {
  // A school may add 100k+ domains: each added entry is looked at once, and only the small
  // built-in lists are put in sets.
  const allowUnder = new Map<string, string[]>(); // a domain → the built-in allow entries it covers
  for (const entry of builtinAllow) {
    for (let at = 0; at >= 0; at = entry.indexOf('.', at) + 1 || -1) {
      const covering = at === 0 ? entry : entry.slice(at);
      allowUnder.set(covering, [...(allowUnder.get(covering) ?? []), entry]);
    }
  }
  const givenWay = new Set<string>();
  const noteSchoolAdded = (entries: readonly string[]): void => {
    for (const entry of entries) for (const covered of allowUnder.get(entry) ?? []) givenWay.add(covered);
  };

  const categories: CategoryRuleSet[] = [];
  for (const id of CATEGORY_IDS) {
    const setting = values.categories[id];
    const removed = setting.remove;
    const builtin = lists[id].domains.filter((d) => !removed.some((r) => isUnder(d, r)));
    const domains = [...new Set(builtin)];
    const inBuiltin = new Set(domains);
    for (const entry of setting.add) if (!inBuiltin.has(entry)) domains.push(entry); // `add` is de-duplicated by the schema
    noteSchoolAdded(setting.add);
    categories.push({ id, mode: setting.mode, domains, urlKeywords: [] });
  }
  for (const custom of values.customCategories) {
    categories.push({ id: custom.id, mode: custom.mode, domains: custom.domains, urlKeywords: custom.urlKeywords });
    noteSchoolAdded(custom.domains);
  }
  const redPacketKeywords = lists.redPacket.urlKeywords;
  if (redPacketKeywords.length > 0 && values.categories.redPacket.mode !== 'off') {
    categories.push({ id: 'redPacket', mode: 'log' satisfies Mode, domains: [], urlKeywords: redPacketKeywords });
  }
  const keptBuiltinAllow = builtinAllow.filter((entry) => !givenWay.has(entry));
  return { categories, allow: [...new Set([...values.allow, ...keptBuiltinAllow])] };
}
