// The deployment guides list the policy's fields by hand; this keeps them in step with the
// schema, so a new policy key cannot ship undocumented for administrators.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { policySchema } from '../../../utils/policy/schema';
import { CHROME_HARDENING, EDGE_HARDENING, FIREFOX_HARDENING } from '../../../scripts/policy-kit/hardening';

const DOCS = ['docs/deploy.zh-CN.md', 'docs/deploy.en.md'] as const;
const read = (doc: string) => readFileSync(join(import.meta.dirname, '../../..', doc), 'utf8');

describe.each(DOCS)('%s', (doc) => {
  const text = read(doc);

  test('has a field-table row for every top-level policy key', () => {
    const missing = Object.keys(policySchema().shape).filter((key) => !text.includes(`| \`${key}\` |`));
    expect(missing).toEqual([]);
  });

  test('its field table lists exactly the schema\'s top-level keys', () => {
    const table = text.slice(text.search(/^\| (Key|设置项) \|/m));
    const rows = [...(table.split(/\n(?!\|)/)[0] ?? '').matchAll(/^\| `([a-zA-Z]+)` \|/gm)].map((m) => m[1]);
    expect(rows.sort()).toEqual(Object.keys(policySchema().shape).sort());
  });

  test('names every hardening policy the kit writes', () => {
    for (const h of [...CHROME_HARDENING, ...EDGE_HARDENING, ...FIREFOX_HARDENING]) expect(text).toContain(`\`${h.name}\``);
  });
});
