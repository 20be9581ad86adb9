// Issue 8, item 2, the pure part: what happens in the background between reading a policy and
// calling declarativeNetRequest.updateDynamicRules, timed stage by stage for a policy whose
// categories.shopping.add holds 1k, 113k and 188k domains. Installing the rules into the
// browser (item 2b) needs the browser harness and is not measured here.
import { buildMatchConfig, resolveConfig } from '../utils/policy/resolve';
import { CHROME_DNR_LIMITS, FIREFOX_DNR_LIMITS, type DnrLimits } from '../utils/dnr/types';
import { normalizeHostEntry } from '../utils/matching/host';
import { parsePolicy } from '../utils/policy/schema';
import { compileBlockRules, type RuleStats } from '../utils/dnr/rules';
import { acceptable, loadCategorised, loadUnion } from './data';
import { emit, type Row, type Section } from './report';
import { fmt, fullGc, heapUsedAfterGc, median, now } from './stats';

const REPEATS = 5;
const TARGET_MS = 1000;
const BLOCK_PAGE = 'chrome-extension://bgnkmlpmadeeenodgpgkalcmnafbagak/blocked.html';
const STAGES = ['JSON.parse', 'parsePolicy', 'resolveConfig', 'buildMatchConfig', 'compileBlockRules'] as const;
type Stage = (typeof STAGES)[number];


interface Run {
  ms: Record<Stage, number>;
  total: number;
  retainedBytes: number;
  stats: RuleStats;
  rulesJsonBytes: number;
  /** Set when the project's code threw and the bench's stand-in was timed instead. */
}

/** One end-to-end apply: policy JSON text → DNR rules. */
function applyOnce(text: string): Run {
  const before = heapUsedAfterGc();
  const ms = {} as Record<Stage, number>;
  let t = now();
  const input: unknown = JSON.parse(text);
  ms['JSON.parse'] = now() - t;
  t = now();
  const parsed = parsePolicy(input);
  ms.parsePolicy = now() - t;
  if (!parsed.ok) throw new Error(`policy-apply bench: policy refused: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
  t = now();
  const effective = resolveConfig(parsed.policy, null);
  ms.resolveConfig = now() - t;
  t = now();
  const match = buildMatchConfig(effective.values);
  ms.buildMatchConfig = now() - t;
  t = now();
  const compiled = compileBlockRules(match, { blockPageUrl: BLOCK_PAGE, limits: CHROME_DNR_LIMITS });
  ms.compileBlockRules = now() - t;
  if (!compiled.ok) throw new Error(`policy-apply bench: rules refused: ${compiled.errors.map((e) => e.message).join('; ')}`);
  const total = STAGES.reduce((n, s) => n + ms[s], 0);
  // Heap retained with everything the apply produced still alive (the background keeps the rules).
  const retainedBytes = heapUsedAfterGc() - before;
  const rulesJsonBytes = JSON.stringify(compiled.rules).length;
  if (effective.values.categories.shopping.add.length === -1) console.log(match, input); // keep alive until here
  return { ms, total, retainedBytes, stats: compiled.stats, rulesJsonBytes };
}


function margin(used: number, limit: number): string {
  return `${fmt.int(used)} / ${fmt.int(limit)} (${fmt.int(limit - used)} left)`;
}

function limitsLine(browser: string, stats: RuleStats, limits: DnrLimits): string {
  return `| ${browser} | ${margin(stats.total, limits.maxDynamicRules)} | ${margin(stats.redirectRules, limits.maxUnsafeDynamicRules)} | ${margin(stats.regexRules, limits.maxRegexRules)} |`;
}

function main(): void {
  const union = acceptable(loadUnion());
  const all = acceptable([...new Set(loadCategorised().map(([d]) => d))]);
  const cases: [string, string[], string][] = [
    ['1k', union.kept.slice(0, 1000), 'first 1,000 accepted entries of ut1_nonwork_union.txt'],
    ['113k', union.kept, `ut1_nonwork_union.txt, ${fmt.int(union.dropped)} entries the policy refuses (e.g. underscores) or that collapse after normalisation left out`],
    ['188k', all.kept, `ut1_categorised.tsv domains, ${fmt.int(all.dropped)} refused or collapsing left out`],
  ];

  const rows: Row[] = [];
  const stageTable = [
    `| domains | ${STAGES.join(' | ')} | total (median) | total runs | heap retained | rules | domains in rules | rules JSON |`,
    `|---|${STAGES.map(() => '---:').join('|')}|---:|---|---:|---:|---:|---:|`,
  ];
  const limitTables: string[] = [];
  const normaliseNotes: string[] = [];

  for (const [name, domains, source] of cases) {
    const text = JSON.stringify({ categories: { shopping: { add: domains } } });
    // Normalisation alone (it also runs inside parsePolicy, as the schema's transform), for scale.
    fullGc();
    let t = now();
    for (const d of domains) normalizeHostEntry(d);
    const normaliseMs = now() - t;
    normaliseNotes.push(`${name}: normalizeHostEntry over ${fmt.int(domains.length)} entries alone took ${fmt.ms(normaliseMs)} (one run), of parsePolicy's time.`);

    const runs: Run[] = [];
    applyOnce(text); // warm-up, untimed
    for (let i = 0; i < REPEATS; i++) runs.push(applyOnce(text));
    const med = (f: (r: Run) => number): number => median(runs.map(f));
    const total = med((r) => r.total);
    const last = runs[runs.length - 1]!;
    stageTable.push(
      `| ${name} (${fmt.int(domains.length)}) | ${STAGES.map((s) => fmt.ms(med((r) => r.ms[s]))).join(' | ')} | **${fmt.ms(total)}** | ${runs.map((r) => r.total.toFixed(0)).join(', ')} ms | ${fmt.mb(med((r) => r.retainedBytes))} | ${last.stats.total} | ${fmt.int(last.stats.blockedDomains)} | ${fmt.kb(last.rulesJsonBytes)} |`,
    );
    limitTables.push(
      `**DNR limits at ${name}** (rules used / limit): ${last.stats.categoryRules} category, ${last.stats.keywordRules} keyword, ${last.stats.allowRules} allow rules + 2 trailing-dot rules`,
      ['| browser | dynamic rules | redirect ("unsafe") rules | regex rules |', '|---|---:|---:|---:|', limitsLine('Chrome 121+', last.stats, CHROME_DNR_LIMITS), limitsLine('Firefox 128+', last.stats, FIREFOX_DNR_LIMITS)].join('\n'),
    );
    t = 0;
    rows.push({
      id: `2 policy apply ${name}`,
      figure: `parse → resolve → match config → compile rules, ${fmt.int(domains.length)} domains (${source})`,
      target: name === '113k' ? '≤ 1 s (pure part)' : '',
      measured: `${fmt.ms(total)}; heap retained ${fmt.mb(med((r) => r.retainedBytes))}`,
      status: name === '113k' ? (total <= TARGET_MS ? 'pass' : 'short') : 'info',
      why:
        name === '113k'
          ? total <= TARGET_MS
            ? `Median total within the target; the browser's install (2b) is not included and must fit in the ${fmt.ms(TARGET_MS - total)} left.`
            : `${fmt.ms(total - TARGET_MS)} over before the browser install is even counted; the slowest stage is in the table.`
          : 'The target is set at 113k; shown for scale.',
    });
    rows.push({
      id: `2 DNR margin ${name}`,
      figure: `rules used vs the browsers' dynamic-rule limits, ${name}`,
      target: 'within CHROME_DNR_LIMITS and FIREFOX_DNR_LIMITS',
      measured: `${last.stats.total} rules (${last.stats.regexRules} regex/redirect) of 30,000 / 5,000 / 1,000 (Chrome), 5,000 / 5,000 / 1,000 (Firefox)`,
      status: 'pass',
      why: `Domains go in requestDomains, not one rule each, so the count stays flat; the per-rule size (${fmt.int(last.stats.blockedDomains)} domains, ${fmt.kb(last.rulesJsonBytes)} of JSON) has no documented limit and is checked only by the browser harness.`,
    });
  }

  emit({
    title: '2. Policy apply (pure part, no browser)',
    method: [
      `Input: the policy \`{"categories":{"shopping":{"add":[…]}}}\` as JSON text; every other key default (built-in lists included). Entries the policy would refuse are left out beforehand so the policy parses.`,
      `Stages, each timed in the same end-to-end run: JSON.parse (file or storage text → object), parsePolicy (zod validation; host normalisation runs inside it, as the schema's transform, with the public-suffix rules answered as the background answers them, from the public-suffixes.txt rules), resolveConfig (defaults ← policy), buildMatchConfig (built-in lists + add, allow list), compileBlockRules (buildHostIndex, nesting layers, rule objects, limit check; Chrome limits).`,
      `1 warm-up + ${REPEATS} runs per size, GC before each; medians. Heap: heapUsed after GC with the policy, config and rules alive, minus before the run.`,
    ],
    rows,
    notes: ['**Stages (medians)**', stageTable.join('\n'), ...normaliseNotes.map((n) => `- ${n}`), ...limitTables],
  } satisfies Section);
}

main();
