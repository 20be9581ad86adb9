import { describe, expect, test } from 'vitest';
import { POLICY_ERROR_KEYS } from '../../../utils/policy/error-keys';
import { parsePolicy } from '../../../utils/policy/schema';
import en from '../../../public/_locales/en/messages.json';
import zhCN from '../../../public/_locales/zh_CN/messages.json';
import { INVALID_CASES } from '../support/fixtures/policy-cases';

type Messages = Record<string, { message: string; description?: string; placeholders?: Record<string, { content: string }> }>;
const LOCALES: [string, Messages][] = [
  ['zh_CN', zhCN],
  ['en', en],
];

// Keys parsePolicy really emits, collected by running every failing case.
const emitted = new Set(
  INVALID_CASES.flatMap(([, input]) => {
    const r = parsePolicy(input);
    return r.ok ? [] : r.errors.map((e) => e.key);
  }),
);

describe.each(LOCALES)('%s/messages.json', (_locale, messages) => {
  test('has every key parsePolicy emits', () => {
    expect([...emitted].filter((k) => !(k in messages))).toEqual([]);
  });

  test('has every declared policy error key, and no policyErr* key nobody declares', () => {
    expect(Object.keys(messages).filter((k) => k.startsWith('policyErr')).sort()).toEqual([...POLICY_ERROR_KEYS].sort());
  });

  test('every message has a description, and every $NAME$ a placeholder', () => {
    for (const [key, m] of Object.entries(messages)) {
      expect(m.description, key).toBeTruthy();
      const names = [...m.message.matchAll(/\$([A-Za-z_@][\w@]*)\$/g)].map((x) => (x[1] ?? '').toLowerCase());
      expect(names.filter((n) => !(n in (m.placeholders ?? {}))), key).toEqual([]);
    }
  });
});

test('both locales have the same keys and the same placeholders per key', () => {
  expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  const zh: Messages = zhCN;
  const e: Messages = en;
  for (const key of Object.keys(zh)) expect(Object.keys(zh[key]?.placeholders ?? {}), key).toEqual(Object.keys(e[key]?.placeholders ?? {}));
});

test('the cases emit almost every declared key (a key nobody emits is dead text)', () => {
  // policyErrInvalid is the fallback for issues the mapping does not know.
  expect(POLICY_ERROR_KEYS.filter((k) => !emitted.has(k))).toEqual(['policyErrInvalid']);
});
