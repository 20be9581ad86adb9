import { buildMatchConfig, resolveConfig } from '../utils/policy/resolve';
import { CHROME_DNR_LIMITS } from '../utils/dnr/types';
import { parsePolicy } from '../utils/policy/schema';
import { compileBlockRules, rulesDigest } from '../utils/dnr/rules';
import { buildHostIndex } from '../utils/matching/host-index';
import { acceptable, loadUnion } from './data';
import { now } from './stats';
const domains = acceptable(loadUnion()).kept;
const text = JSON.stringify({ categories: { shopping: { add: domains } } });
const runs = Number(process.env.RUNS ?? 10);
for (let i = 0; i < runs; i++) {
  const t0 = now();
  const parsed = parsePolicy(JSON.parse(text));
  if (!parsed.ok) throw new Error('x');
  const t1 = now();
  const match = buildMatchConfig(resolveConfig(parsed.policy, null).values);
  const t2 = now();
  const index = buildHostIndex(match);
  const t3 = now();
  const c = compileBlockRules(match, { blockPageUrl: 'chrome-extension://x/blocked.html', limits: CHROME_DNR_LIMITS, index });
  const t4 = now();
  if (!c.ok) throw new Error('y');
  const d = rulesDigest(c.rules);
  const t5 = now();
  console.log(`parse ${(t1 - t0).toFixed(0)} match ${(t2 - t1).toFixed(0)} index ${(t3 - t2).toFixed(0)} compile ${(t4 - t3).toFixed(0)} digest ${(t5 - t4).toFixed(0)} ${d.length}`);
}
