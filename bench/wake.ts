// Issue 16, item 1: what a service-worker wake costs the teacher's PC, in CPU time of the
// worker, with the policy delivered as an administrator delivers it (a managed policy file).
// In work time the checkpoint alarm wakes the worker each minute, and Chromium stops it after
// ~30 s idle, so nearly every tick is a cold start. Measured in a Chromium started by hand
// (bench/cdp.ts): the client auto-attaches to each new start of Qingfeng's worker, paused,
// starts a trace, lets it run, reads the thread's CPU from /proc, and detaches again so
// Chromium can stop it.
// Writes /etc/chromium/policies/managed/qingfeng-bench-wake.json, removed in `finally`; run it
// with no other real-browser run on the machine.
process.env.TZ = 'Asia/Shanghai';

import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALWAYS_WORK } from '../tests/e2e/support/blocking-cases';
import { assertChromiumInstalled, ChromiumPolicyFile } from '../tests/e2e/support/chromium';
import { CHROME_BUILD, CHROME_ID } from '../tests/e2e/support/constants';
import { cpuMs, extensionWorkerThread, spawnChromiumWithCdp, startTrace, threadTrace, type Cdp, type CdpEvent, type ThreadTrace } from './cdp';
import { acceptable, loadUnion } from './data';
import { CHROMIUM_LISTENERS } from './fixtures';
import { CHECK_SLICES, compileBlockRules, rulesDigest, rulesSliceDigest } from '../utils/dnr/rules';
import { normaliseInstalledRule } from '../utils/dnr/installed';
import { CHROME_DNR_LIMITS, type DnrRule } from '../utils/dnr/types';
import { buildMatchConfig, resolveConfig } from '../utils/policy/resolve';
import { parsePolicy } from '../utils/policy/schema';
import { emit, type Row } from './report';
import { fmt, median } from './stats';

/** Five: single cold starts spread by a factor of two on this machine. */
const COLD_SAMPLES = Number(process.env.BENCH_WAKE_SAMPLES ?? 5);
/** Long enough for a wake to finish its reconcile. */
const START_WINDOW_MS = 6_000;
/**
 * Long enough for a first start to finish applying the policy: Chromium hands it over ~3 s
 * after launch, and the apply under the profiler took up to ~2 s more here (a 6 s window cut
 * some first starts short before the rules were compiled, and reported less than they cost).
 */
const FIRST_WINDOW_MS = 15_000;
/** First starts per scenario, each on a fresh profile: the median is reported. */
const FIRST_SAMPLES = Number(process.env.BENCH_WAKE_FIRST_SAMPLES ?? 3);
const TICK_WINDOW_MS = 61_000;
/** The policy is read ~3 s after launch and applied; a changed-policy reconcile may follow. */
const SETTLE_MS = 15_000;
const TARGETS = { coldMs: 30, tickMs: 5, firstMs: 1000 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (s: string) => process.stderr.write(`  wake: ${s}\n`);

/** CPU milliseconds of one window, as Linux counts them (/proc schedstat). */
interface Cpu {
  /** The worker's thread: from its creation for a start, over the window for a warm minute. */
  thread: number;
  /**
   * Every thread of the extension's renderer process over the same span, or null when the
   * process was not new to a start (then its total holds earlier wakes).
   */
  process: number | null;
  pid: number;
  /** The same thread's trace over the window: its script time, the compile in it, and V8's set-up. */
  trace: ThreadTrace;
}

interface Scenario {
  name: string;
  domains: number;
  /** Each first start (with `changed`: the first start after the policy file changed). */
  firsts: Cpu[];
  /** The firsts are starts after a change of the policy file from the built-in lists' policy, on a profile that had installed it. */
  changed: boolean;
  /** The second warm minute: the steady cost of a tick. */
  tick: Cpu | null;
  /** The first warm minute after the first start, which also collects that start's garbage. */
  tickAfterStart: Cpu | null;
  /** Each cold wake. */
  colds: Cpu[];
  /** The floor: an extension whose worker only answers its alarm (and, with rules, reads them back). */
  control: boolean;
}

/**
 * Resolves with the session id of the next start of Qingfeng's worker, paused before its first
 * line; while `armed()` is false, such a start is let run and left alone like any other target.
 */
function nextWorkerStart(cdp: Cdp, timeoutMs: number, armed: () => boolean = () => true): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no start of the worker within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const off = cdp.on((event: CdpEvent) => {
      if (event.method !== 'Target.attachedToTarget') return;
      const info = event.params.targetInfo as { type: string; url: string };
      const sessionId = event.params.sessionId as string;
      if (armed() && info.type === 'service_worker' && info.url.startsWith(`chrome-extension://${CHROME_ID}/`) && event.params.waitingForDebugger === true) {
        clearTimeout(timer);
        off();
        resolve(sessionId);
      } else {
        // Anything else (an old worker attached at set-up) runs on untouched.
        void cdp.send('Runtime.runIfWaitingForDebugger', {}, sessionId).catch(() => undefined);
        void cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
      }
    });
  });
}

/** Whether Chromium is running Qingfeng's worker (a start paused for the debugger counts). */
async function workerRunning(cdp: Cdp): Promise<boolean> {
  const { targetInfos } = await cdp.send<{ targetInfos: { type: string; url: string }[] }>('Target.getTargets');
  return targetInfos.some((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${CHROME_ID}/`));
}

/**
 * Waits for Chromium to stop the idle worker (the client detached from it), then calls
 * `change` (which rewrites the policy file) and resolves with the worker's next start, paused:
 * the first start after a policy change, whether Chromium starts it to hand over the new
 * managed storage (storage.onChanged, ~5 s after the file changed) or a checkpoint alarm comes
 * first (then the change arrives inside its window). A start before `change` (an alarm while
 * waiting) is let run and left alone.
 */
async function startAfterChange(cdp: Cdp, change: () => void): Promise<string> {
  let changed = false;
  // Within 180 s for Chromium to stop the worker, then 120 s for the next start.
  const next = nextWorkerStart(cdp, 300_000, () => changed);
  next.catch(() => undefined); // if the wait below throws, nobody awaits it
  const stopBy = Date.now() + 180_000;
  while (await workerRunning(cdp)) {
    if (Date.now() > stopBy) throw new Error('wake bench: Chromium did not stop the idle worker within 180 s');
    await sleep(500);
  }
  change();
  changed = true;
  return next;
}

/** The domains the worker's dynamic rules hold (read in the paused-and-resumed session, after its window). */
async function domainsHeld(cdp: Cdp, sessionId: string): Promise<number> {
  const { result } = await cdp.send<{ result: { value?: number } }>(
    'Runtime.evaluate',
    {
      expression: 'chrome.declarativeNetRequest.getDynamicRules().then((rules) => rules.reduce((n, r) => n + (r.condition.requestDomains?.length ?? 0), 0))',
      awaitPromise: true,
      returnByValue: true,
    },
    sessionId,
  );
  return result.value ?? 0;
}

/**
 * BENCH_WAKE_PROFILES=<dir>: each cold wake also runs under V8's sampling profiler (1 ms), kept
 * there as a .cpuprofile (DevTools → Performance opens it), to find where the time goes. The
 * profiler costs the thread more than it measures (at 100 µs it tripled a wake's CPU; at 1 ms
 * still ~3×), so such a run's figures are not the bench's.
 */
const PROFILES = process.env.BENCH_WAKE_PROFILES;

/**
 * Lets the session run for `ms` and returns the CPU its worker's thread and process spent,
 * with the thread's trace. `start`: the session is a start waiting for the debugger; it is
 * resumed, and the thread is counted from its creation (its total at the end: the start's
 * whole cost). Otherwise the worker runs warm, and the window's difference is counted.
 */
async function cpuWindow(
  cdp: Cdp,
  group: number,
  sessionId: string,
  ms: number,
  { start, lastPid = null }: { start: boolean; lastPid?: number | null },
): Promise<Cpu> {
  let before = { thread: 0, process: 0 };
  if (!start) {
    const warm = extensionWorkerThread(group);
    if (!warm) throw new Error('wake bench: no worker thread to measure');
    before = { thread: cpuMs(warm.pid, warm.tid), process: cpuMs(warm.pid) };
  }
  const profileIt = Boolean(PROFILES) && start;
  if (profileIt) {
    await cdp.send('Profiler.enable', {}, sessionId);
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 }, sessionId);
    await cdp.send('Profiler.start', {}, sessionId);
  }
  const trace = await startTrace(cdp);
  if (start) await cdp.send('Runtime.runIfWaitingForDebugger', {}, sessionId);
  await sleep(ms);
  // Read before the trace and any profile are handed over: that runs on the worker's thread too.
  const thread = extensionWorkerThread(group);
  if (!thread) throw new Error('wake bench: the worker thread was gone at the end of its window');
  const threadMs = cpuMs(thread.pid, thread.tid) - before.thread;
  const processMs = start && thread.pid === lastPid ? null : cpuMs(thread.pid) - before.process;
  const events = await trace.end();
  if (profileIt) {
    const { profile } = await cdp.send<{ profile: unknown }>('Profiler.stop', {}, sessionId);
    writeFileSync(join(PROFILES!, `wake-${Date.now()}.cpuprofile`), JSON.stringify(profile));
  }
  return { thread: threadMs, process: processMs, pid: thread.pid, trace: threadTrace(events, thread) };
}

const cpuText = (c: Cpu): string =>
  `script ${c.trace.script.toFixed(1)} ms (compile ${c.trace.compile.toFixed(1)}), thread ${c.thread.toFixed(1)} ms (V8 set-up ${c.trace.setup.toFixed(1)}), process ${c.process === null ? '—' : `${c.process.toFixed(1)} ms`}`;

/**
 * The floor of this measurement: an extension with Qingfeng's manifest key (so the same id),
 * permissions and a worker that registers Qingfeng's listeners, keeps a one-minute alarm and
 * does nothing else. What its cold start costs under the profiler is what any extension
 * worker's wake costs here. With `rules`, it reads them back at every start, as the check of
 * the browser's rules must (#17): what handing 113k domains to a worker costs, before any
 * hashing. Its first start after a policy change is the floor of an apply: it reads the managed
 * policy when Chromium hands it over (storage.onChanged), keeps it in storage.local as JSON text (as
 * Qingfeng does), installs the rules (fetched precompiled from its own package, in place of
 * compiling) and reads them back once. (bench/fixtures.ts has the page-load control: no listeners.)
 */
function writeListenerControl(rules: readonly unknown[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'qingfeng-bench-wake-control-'));
  const built = JSON.parse(readFileSync(join(CHROME_BUILD, 'manifest.json'), 'utf8')) as { key?: string; permissions?: string[] };
  const manifest = {
    manifest_version: 3,
    name: 'wake control',
    version: '1.0',
    key: built.key,
    permissions: built.permissions ?? [],
    background: { service_worker: 'background.js' },
    // Qingfeng's id and schema: the managed policy written for Qingfeng reaches the control.
    storage: { managed_schema: 'managed_schema.json' },
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'managed_schema.json'), readFileSync(join(CHROME_BUILD, 'managed_schema.json')));
  writeFileSync(join(dir, 'rules.json'), JSON.stringify(rules));
  // With rules: a start that finds them installed only reads them back (the wake floor); the
  // first start applies the policy once Chromium hands it over (the first-start floor).
  const apply = `
let applied = false;
async function apply() {
  const policy = await chrome.storage.managed.get(null);
  if (applied || !policy.categories) return;
  applied = true;
  await chrome.storage.local.set({ lastGoodPolicy: JSON.stringify(policy) }); // as Qingfeng keeps it (background/storage.ts)
  const addRules = await (await fetch('/rules.json')).json();
  await chrome.declarativeNetRequest.updateDynamicRules({ addRules });
  await readBack();
}
// Both rule sets, in parallel, as Qingfeng's check reads them (background/dnr.ts installedRules).
const readBack = () => Promise.all([chrome.declarativeNetRequest.getDynamicRules(), chrome.declarativeNetRequest.getSessionRules()]);
chrome.storage.onChanged.addListener((changes, area) => { if (area === 'managed') void apply(); });
readBack().then(([held]) => { if (held.length === 0) void apply(); });`;
  writeFileSync(
    join(dir, 'background.js'),
    [
      ...CHROMIUM_LISTENERS.map((l) => (l === 'storage.onChanged' && rules.length ? '' : `chrome.${l}.addListener(() => {});`)),
      "chrome.alarms.get('tick').then((a) => a || chrome.alarms.create('tick', { periodInMinutes: 1 }));",
      ...(rules.length ? [apply] : []),
    ].join('\n'),
  );
  return dir;
}

/** Profiles a removal could not take yet: tried again at the end, before the bench exits. */
const leftProfiles: string[] = [];

/**
 * Removes a profile Chromium has just left: a helper process may still be writing into it for
 * a moment after the browser exits (one run failed with ENOTEMPTY there), so retry briefly.
 */
function removeProfile(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
  } catch (error) {
    log(`profile ${dir} not removed yet (${(error as NodeJS.ErrnoException).code}); trying again at the end`);
    leftProfiles.push(dir);
  }
}

/**
 * `from`: each first start is measured after a policy change, as an administrator makes one:
 * the profile is launched with `from`, installs it, and once Chromium has stopped the idle
 * worker the policy file is rewritten with `policy`; the first start after that is measured.
 */
async function measure(name: string, policy: unknown, domains: number, control = false, controlRules: readonly unknown[] = [], from?: unknown): Promise<Scenario> {
  const policyFile = new ChromiumPolicyFile('qingfeng-bench-wake.json');
  let profileDir = '';
  const controlDir = control ? writeListenerControl(controlRules) : null;
  const result: Scenario = { name, domains, firsts: [], changed: from !== undefined, tick: null, tickAfterStart: null, colds: [], control };
  let stop: (() => Promise<void>) | null = null;
  try {
    let cdp: Cdp | null = null;
    let group = 0;
    let first: string | null = null;
    // Each first start on a fresh profile, FIRST_SAMPLES of them (a single one spread by a
    // factor of two); the last one's browser goes on to the warm ticks and the cold wakes. The
    // worker may start before the client connects: then that start is not caught, and Chromium
    // is started again.
    for (let attempt = 1; attempt <= FIRST_SAMPLES + 3 && result.firsts.length < FIRST_SAMPLES; attempt++) {
      if (stop) {
        cdp?.close();
        await stop();
        removeProfile(profileDir);
        if (first === null) log(`${name}: first start not caught, starting again`);
      }
      policyFile.write(from ?? policy);
      profileDir = mkdtempSync(join(tmpdir(), 'qingfeng-bench-wake-'));
      const launched = await spawnChromiumWithCdp(profileDir, controlDir ?? CHROME_BUILD);
      stop = launched.stop;
      cdp = launched.cdp;
      group = launched.pid;
      const firstStart = nextWorkerStart(cdp, 20_000);
      await cdp.send('Target.setAutoAttach', {
        autoAttach: true,
        waitForDebuggerOnStart: true,
        flatten: true,
        filter: [{ type: 'service_worker', exclude: false }, { exclude: true }],
      });
      first = await firstStart.catch(() => null);
      if (first && from !== undefined) {
        const install = await cpuWindow(cdp, group, first, FIRST_WINDOW_MS, { start: true });
        log(`${name}: first start on the policy before the change ${cpuText(install)}`);
        await cdp.send('Target.detachFromTarget', { sessionId: first });
        first = await startAfterChange(cdp, () => policyFile.write(policy)).catch((error: unknown) => {
          log(`${name}: ${(error as Error).message}`);
          return null;
        });
        if (first) {
          const cpu = await cpuWindow(cdp, group, first, FIRST_WINDOW_MS, { start: true, lastPid: install.pid });
          const held = await domainsHeld(cdp, first);
          if (held >= domains) {
            result.firsts.push(cpu);
            log(`${name}: first start after the policy change ${cpuText(cpu)}`);
          } else {
            log(`${name}: the change was not applied within the window (the rules hold ${held} domains); launching again`);
            first = null;
          }
        }
      } else if (first) {
        const cpu = await cpuWindow(cdp, group, first, FIRST_WINDOW_MS, { start: true });
        result.firsts.push(cpu);
        log(`${name}: first start ${cpuText(cpu)}`);
      }
    }
    if (!cdp) throw new Error('wake bench: Chromium did not start');
    let session: string | null = first;
    if (session && controlRules.length === 0) {
      // Attached, the worker stays alive: after the policy's apply has settled, the next
      // checkpoint alarm is a warm tick.
      await sleep(SETTLE_MS);
      // Two minutes: the first also collects the garbage of the first start (V8 runs a major
      // GC in it); the second is what a tick costs a worker that stays alive.
      result.tickAfterStart = await cpuWindow(cdp, group, session, TICK_WINDOW_MS, { start: false });
      log(`${name}: first warm minute ${cpuText(result.tickAfterStart)}`);
      result.tick = await cpuWindow(cdp, group, session, TICK_WINDOW_MS, { start: false });
      log(`${name}: second warm minute with one tick ${cpuText(result.tick)}`);
      await cdp.send('Target.detachFromTarget', { sessionId: session });
    } else if (session) {
      await sleep(SETTLE_MS); // the control installs its rules
      await cdp.send('Target.detachFromTarget', { sessionId: session });
    }
    let lastPid: number | null = result.firsts.at(-1)?.pid ?? null;
    for (let i = 0; i < COLD_SAMPLES; i++) {
      session = await nextWorkerStart(cdp, 180_000);
      const cpu = await cpuWindow(cdp, group, session, START_WINDOW_MS, { start: true, lastPid });
      lastPid = cpu.pid;
      result.colds.push(cpu);
      log(`${name}: cold wake ${cpuText(cpu)}`);
      await cdp.send('Target.detachFromTarget', { sessionId: session });
    }
    cdp.close();
  } finally {
    await stop?.();
    policyFile.remove();
    if (profileDir) removeProfile(profileDir);
    if (controlDir) rmSync(controlDir, { recursive: true, force: true });
  }
  return result;
}

const scriptOf = (c: Cpu): number => c.trace.script;
const threadOf = (c: Cpu): number => c.thread;

/** The median of one figure of these windows; null when none was caught. */
const medianOf = (cpus: Cpu[], f: (c: Cpu) => number): number | null => (cpus.length ? median(cpus.map(f)) : null);

/** "128 ms (runs 121, 128, 158 ms)", or '' when none was caught. */
const withRuns = (cpus: Cpu[], f: (c: Cpu) => number): string => {
  const m = medianOf(cpus, f);
  return m === null ? '' : `${fmt.ms(m)} (runs ${cpus.map((c) => f(c).toFixed(0)).join(', ')} ms)`;
};

/** The renderer processes' CPU of these starts, where the process was new to the start. */
const processesOf = (cpus: Cpu[]): number[] => cpus.flatMap((c) => (c.process === null ? [] : [c.process]));

/** The measured column: script time, the thread's whole CPU beside it and, for a start, its new renderer process. */
const measuredText = (cpus: Cpu[], processWhat = ''): string => {
  if (cpus.length === 0) return '';
  const known = processesOf(cpus);
  const process = processWhat && known.length ? `; ${processWhat}: ${fmt.ms(median(known))} across all its threads, the trace's own recording in it (median of ${known.length})` : '';
  return `script ${withRuns(cpus, scriptOf)}; the worker's thread ${withRuns(cpus, threadOf)}${process}`;
};

/** Where the thread's time went, from the medians of the trace. */
const whereText = (cpus: Cpu[]): string => {
  const m = (f: (c: Cpu) => number) => medianOf(cpus, f) ?? 0;
  const thread = m(threadOf);
  const script = m(scriptOf);
  const setup = m((c) => c.trace.setup);
  return ` Of the thread's ${fmt.ms(thread)} (medians): V8 setting up the isolate and context ${fmt.ms(setup)}; script ${fmt.ms(script)}, of which compiling the bundle ${fmt.ms(m((c) => c.trace.compile))}; the other ${fmt.ms(Math.max(0, thread - script - setup))} is Chromium's own work on the thread between scripts (starting it, messages to and from the browser, the extension API bindings, the debugger attached to catch the start).`;
};

/** The control's cold wake: what this measurement charges any extension worker's start. */
function floorRows(s: Scenario): Row[] {
  const cold = medianOf(s.colds, scriptOf);
  const measured = measuredText(s.colds, 'the renderer process Chromium started for each wake');
  if (s.domains > 0) {
    return [
      {
        id: `1 wake floor: cold start of the control reading the ${s.name} rules back`,
        figure: `the control below with the rules Qingfeng compiles from the ${fmt.int(s.domains)}-domain policy installed as its dynamic rules, reading them back (getDynamicRules and getSessionRules, as Qingfeng's check does) at each start and doing nothing with them; measured as Qingfeng's below, median of ${s.colds.length}`,
        target: '',
        measured,
        status: cold === null ? 'not measured' : 'info',
        why: `What the browser charges a worker for handing it these rules: the floor of any check of the installed rules at a wake (#17), before Qingfeng hashes a character of them.${whereText(s.colds)}`,
      },
      {
        id: `1 first-start floor: the control applying the ${s.name} policy`,
        figure: `the same control's first start after the same policy change, measured as Qingfeng's below (${FIRST_WINDOW_MS / 1000} s from the start, median of ${s.firsts.length} launches): it reads the ${fmt.int(s.domains)}-domain managed policy when Chromium hands it over, keeps it in storage.local as JSON text, installs the same rules (fetched precompiled from its own package and parsed, in place of compiling) and reads them back once; no parsing, checking or compiling of its own`,
        target: '',
        measured: measuredText(s.firsts),
        status: s.firsts.length === 0 ? 'not measured' : 'info',
        why: 'What the browser charges any extension for taking this policy and installing these rules, with the check of #17: the floor under the first-start row below.',
      },
    ];
  }
  return [
    {
      id: "1 wake floor: cold start of a worker with Qingfeng's listeners and nothing else",
      figure: `the same measurement on a control extension (Qingfeng's id and permissions; its worker registers the ${CHROMIUM_LISTENERS.length} event listeners of Qingfeng's Chromium build, keeps a one-minute alarm, and does nothing else), median of ${s.colds.length}`,
      target: '',
      measured,
      status: cold === null ? 'not measured' : 'info',
      why: `What Chromium and V8 charge any extension worker's thread for a start here (the thread, its V8 isolate and context, the extension API bindings, the debugger attached to catch it): the part of Qingfeng's cold wake that no change to Qingfeng can remove. The renderer process beside it is started for every wake of any extension whose worker Chromium has stopped.${whereText(s.colds)}`,
    },
    {
      id: '1 wake floor: warm minute of the control worker',
      figure: `the control kept alive with the debugger attached, one alarm: the second of two ${TICK_WINDOW_MS / 1000} s windows`,
      target: '',
      measured: s.tick === null ? '' : measuredText([s.tick]),
      status: s.tick === null ? 'not measured' : 'info',
      why: 'The floor for the warm tick below.',
    },
  ];
}

/** Characters the 113k rules' whole digest and a wake's slice digest feed (set in main). */
let hashedChars = { whole: 0, slice: 0 };

function rowsOf(s: Scenario, floor: Scenario | undefined): Row[] {
  if (s.control) return floorRows(s);
  const cold = medianOf(s.colds, scriptOf);
  const coldThread = medianOf(s.colds, threadOf);
  const floorCold = floor ? medianOf(floor.colds, scriptOf) : null;
  const floorColdThread = floor ? medianOf(floor.colds, threadOf) : null;
  const overFloor =
    cold !== null && coldThread !== null && floorCold !== null && floorColdThread !== null
      ? ` The control's cold start costs ${fmt.ms(floorCold)} of script and ${fmt.ms(floorColdThread)} of its thread under the same measurement: Qingfeng's own share is ${fmt.ms(Math.max(0, cold - floorCold))} of script, ${fmt.ms(Math.max(0, coldThread - floorColdThread))} of the thread.`
      : '';
  const tick = s.tick?.trace.script ?? null;
  const verdict = (ms: number, target: number) => (ms <= target ? 'Within the target' : `${fmt.ms(ms - target)} over`);
  const rows: Row[] = [
    {
      id: `1 wake, cold, nothing changed (${s.name})`,
      figure: `script time on the worker's thread from its start by a checkpoint alarm to the end of a ${START_WINDOW_MS / 1000} s window (idle long before it ends), ${fmt.int(s.domains)} policy domains, median of ${s.colds.length}; beside it the thread's whole CPU`,
      target: `≤ ${TARGETS.coldMs} ms`,
      measured: measuredText(s.colds, 'the renderer process Chromium started for each wake'),
      status: cold === null ? 'not measured' : cold <= TARGETS.coldMs ? 'pass' : 'short',
      why:
        cold === null
          ? 'No cold start was caught.'
          : `${verdict(cold, TARGETS.coldMs)}.${overFloor}${whereText(s.colds)} What a cold start runs though nothing changed: compiling and evaluating the ${fmt.int(Math.round(statSync(join(CHROME_BUILD, 'background.js')).size / 1024))} KB background bundle, with the extension API bindings a start touches (runtime, storage, alarms, declarativeNetRequest, the listeners' namespaces); the storage reads of what was derived; and the check of the browser's rules (#17: every reconcile reads both rule sets back; a wake with nothing to compile hashes one slice of them, rulesSliceDigest). Such a wake does not evaluate Dexie, build zod schemas, parse the built-in lists or the official calendar, or touch the action API (docs/architecture.md). ${s.domains > 0 ? `At ${fmt.int(s.domains)} domains the control that only reads the same rules back is the floor above; a wake hashes ${fmt.int(hashedChars.slice)} characters of them (one slice of ${CHECK_SLICES}: every rule whole but its long lists, of which the length and every ${CHECK_SLICES}th item go in, another ${CHECK_SLICES}th each minute), where hashing all ${fmt.int(hashedChars.whole)} (each category's list once, as words; its second copy in the block rule compared, not hashed), as every wake did until 3 December, was most of such a wake's script (CHANGELOG).` : 'With the built-in lists the check is ~2–4 ms.'}`,
    },
    {
      id: `1 checkpoint tick, warm (${s.name})`,
      figure: `script time on the worker's thread over a ${TICK_WINDOW_MS / 1000} s window with the worker kept alive, holding one checkpoint alarm: the second of two such windows after the first start (the first is given in the why); beside it the thread's whole CPU`,
      target: `≤ ${TARGETS.tickMs} ms`,
      measured: s.tick === null ? '' : measuredText([s.tick]),
      status: tick === null ? 'not measured' : tick <= TARGETS.tickMs ? 'pass' : 'short',
      why:
        tick === null
          ? 'The first start was not caught, so the worker was not held for a warm tick.'
          : `${verdict(tick, TARGETS.tickMs)}${floor?.tick ? `; the control's warm minute costs ${fmt.ms(floor.tick.trace.script)} of script and ${fmt.ms(floor.tick.thread)} of its thread under the same measurement (what an idle worker with the debugger attached costs)` : ''}. The first warm minute after the start cost ${s.tickAfterStart ? `${fmt.ms(s.tickAfterStart.trace.script)} of script, ${fmt.ms(s.tickAfterStart.thread)} of the thread` : '—'}: it also holds V8 collecting the garbage of the first start (the policy parsed, the rules compiled), not the tick's own work.`,
    },
  ];
  const first = medianOf(s.firsts, scriptOf);
  if (first !== null) {
    const floorFirst = floor ? medianOf(floor.firsts, scriptOf) : null;
    const firstThread = medianOf(s.firsts, threadOf) ?? 0;
    const firstFloor = s.domains > 0 && floorFirst !== null ? ` The control that only takes the same policy and installs the same rules costs ${fmt.ms(floorFirst)} of script (the floor above): Qingfeng's own share is ${fmt.ms(Math.max(0, first - floorFirst))}.` : '';
    const inWindow = s.changed
      ? `the worker's start, the managed policy (${fmt.int(s.domains)} domains) handed to it, digested and parsed (each entry normalised and checked against the public suffixes), the configuration resolved, the host index built, the rules compiled and hashed, the rules that differ from the built-in lists' replaced and all read back (#17), the policy kept as the last good one in extension storage, and V8 collecting the garbage of all of it`
      : 'the install on a fresh profile: the bundle compiled with no code cache yet, the start-up reconcile, the managed policy read (~3 s after launch), the built-in lists compiled and their rules installed';
    rows.push({
      id: s.changed ? `1 first start after a policy change (${s.name})` : `1 first start, policy applied (${s.name})`,
      figure: s.changed
        ? `script time on the worker's thread in the ${FIRST_WINDOW_MS / 1000} s from its first start after the managed policy file changed from the built-in lists' policy to the ${fmt.int(s.domains)}-domain one (Chromium reads the changed file ~5 s later and hands the extension its new managed storage); median of ${s.firsts.length} launches, each on a fresh profile that had installed the built-in lists and whose idle worker Chromium had stopped; beside it the thread's whole CPU`
        : `script time on the worker's thread in the first ${FIRST_WINDOW_MS / 1000} s after launch on a fresh profile; median of ${s.firsts.length} launches; beside it the thread's whole CPU`,
      target: `≤ ${TARGETS.firstMs} ms`,
      measured: measuredText(s.firsts),
      status: first <= TARGETS.firstMs ? 'pass' : 'short',
      why: `${first <= TARGETS.firstMs ? 'Within what an apply may take' : `${fmt.ms(first - TARGETS.firstMs)} over what an apply may take`}${firstThread > TARGETS.firstMs ? `; the thread's whole CPU, ${fmt.ms(firstThread)}, is over it` : ", the thread's whole CPU too"}.${firstFloor} In the window: ${inWindow}. Section 2 has the pure part in a warm Node process, and 2b the apply timed in the worker.`,
    });
  }
  if (cold !== null && coldThread !== null) {
    const known = processesOf(s.colds);
    const perHour = (ms: number) => `${((ms * 60) / 1000).toFixed(2)} s/h`;
    rows.push({
      id: `1 CPU per work hour (${s.name})`,
      figure: "cold wake × 60 checkpoint wakes an hour (the worker is stopped between ticks): script, the worker's thread, and the whole renderer process Chromium starts for each wake",
      target: '',
      measured: `script ${perHour(cold)}; thread ${perHour(coldThread)}${known.length ? `; process ${perHour(median(known))} (the trace's recording in it)` : ''}`,
      status: 'info',
      why: `What the checkpoint alarm costs the teacher's PC in an hour of work time, nothing else happening.${floorColdThread !== null ? ` Any extension with a one-minute alarm pays the control's ${perHour(floorColdThread)} of the thread, and its renderer process besides.` : ''}`,
    });
  }
  return rows;
}

/** The rules Qingfeng installs for `policy` in work time, compiled here as the worker compiles them. */
function rulesOf(policy: unknown): DnrRule[] {
  const parsed = parsePolicy(policy);
  if (!parsed.ok) throw new Error('wake bench: the 113k policy was refused');
  const compiled = compileBlockRules(buildMatchConfig(resolveConfig(parsed.policy, null).values), { blockPageUrl: `chrome-extension://${CHROME_ID}/blocked.html`, limits: CHROME_DNR_LIMITS });
  if (!compiled.ok) throw new Error('wake bench: the 113k rules were refused');
  return compiled.rules;
}

async function main(): Promise<void> {
  assertChromiumInstalled();
  const union = acceptable(loadUnion()).kept;
  const schedule = { weekly: ALWAYS_WORK, officialCalendar: 'none' };
  // BENCH_WAKE_ONLY=113k (or "built-in lists", "control", "control 113k") runs one scenario.
  const only = process.env.BENCH_WAKE_ONLY;
  const scenarios: Scenario[] = [];
  const big = { schedule, categories: { shopping: { mode: 'block', add: union } } };
  if (!only || only === 'control') scenarios.push(await measure('control', { schedule }, 0, true));
  if (!only || only === 'built-in lists') scenarios.push(await measure('built-in lists', { schedule }, 0));
  const bigRules = rulesOf(big);
  const normalised = bigRules.map(normaliseInstalledRule);
  const charsOf = (digest: string) => Number(digest.split(':')[1]);
  hashedChars = { whole: charsOf(rulesDigest(normalised)), slice: charsOf(rulesSliceDigest(normalised, 0)) };
  if (!only || only === 'control 113k') scenarios.push(await measure('113k', big, union.length, true, bigRules, { schedule }));
  if (!only || only === '113k') scenarios.push(await measure('113k', big, union.length, false, [], { schedule }));
  emit({
    title: 'Worker wake cost (issue 16, item 1)',
    method: [
      `Chromium started by hand (bench/cdp.ts) with the production build and a policy file in /etc/chromium/policies/managed: the teacher's always-work timetable, and for 113k the ${fmt.int(union.length)} accepted domains of ut1_nonwork_union.txt added to shopping. A raw CDP client sets Target.setAutoAttach (service workers only, waitForDebuggerOnStart), so each start of Qingfeng's worker is caught paused and let run for ${START_WINDOW_MS / 1000} s (${FIRST_WINDOW_MS / 1000} s for a first start); a browser-wide trace (Tracing.start: devtools.timeline and v8) runs over that window. The figure held against the target is the script time on the worker's thread: the thread time of its outermost EvaluateScript (the bundle's compile and first run) and RunMicrotasks (what its events' promises run) events. Beside it is the CPU time Linux has charged the thread (the "ServiceWorker thread" of the extension's renderer process, /proc/<pid>/task/<tid>/schedstat) from its creation to the end of the window, and for a start every thread of that process, which Chromium starts for each wake of a stopped worker. No profiler runs: V8's sampling profiler at 100 µs, used until 2 December, tripled the thread's CPU (a built-in-lists wake: 58–60 ms with none, ~350 ms under it) and counted as busy the gaps in which its sampler did not run on this loaded machine; the thread's CPU under the trace matched the sum of its traced tasks (RunTask) within 1 ms. The first start is measured on ${FIRST_SAMPLES} launches, each on a fresh profile; the last goes on to the rest. With the 113k policy the first start measured is the one after a policy change, as a school makes one: each profile is launched with the built-in lists' policy (the timetable alone) and installs it; once the client has detached and Chromium has stopped the idle worker, the policy file is rewritten with the 113k policy, and the worker's next start is caught (Chromium starts it to hand over the changed managed storage, or a checkpoint alarm comes first and the change arrives in its window); a sample counts only if the worker's rules hold the 113k domains at the end of the window. The built-in lists' first start, on a fresh profile, is the install. The client then detaches, so Chromium stops the idle worker (~30 s) and the next checkpoint alarm starts it cold. The warm tick keeps the first start attached for two windows of ${TICK_WINDOW_MS / 1000} s, one alarm in each, and reports the second. The control with the 113k rules is measured at its first starts and its cold wakes, with no warm tick.`,
      "The attached debugger adds some cost of its own to the thread. A listener's synchronous start, before its first await, is in no traced event and counts in the thread's CPU only; Qingfeng's listeners call asynchronous functions, whose work after their first await runs as microtasks.",
    ],
    rows: scenarios.flatMap((s) => rowsOf(s, scenarios.find((c) => c.control && c.domains === s.domains))),
    notes: [],
  });
}

main()
  .finally(() => {
    for (const dir of leftProfiles) rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 500 });
  })
  .then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
