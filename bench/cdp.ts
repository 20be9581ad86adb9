// A Chromium started by hand with a raw DevTools Protocol client (Node's WebSocket), for the
// figures Playwright would distort: Playwright attaches to every worker, and an attached
// worker is never stopped as idle, so it can show neither wake-ups nor what a wake costs.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumArgs } from '../tests/e2e/support/chromium';
import { CHROME_BUILD, CHROMIUM_BIN } from '../tests/e2e/support/constants';
import { waitFor } from '../tests/e2e/support/poll';

export interface CdpEvent {
  method: string;
  params: Record<string, unknown>;
  sessionId?: string;
}

export class Cdp {
  private next = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Set<(event: CdpEvent) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.onmessage = (message) => {
      const data = JSON.parse(String(message.data)) as { id?: number; result?: unknown; error?: { message: string }; method?: string; params?: Record<string, unknown>; sessionId?: string };
      if (data.id !== undefined) {
        const waiter = this.pending.get(data.id);
        this.pending.delete(data.id);
        if (data.error) waiter?.reject(new Error(data.error.message));
        else waiter?.resolve(data.result);
      } else if (data.method) {
        for (const listener of this.listeners) listener({ method: data.method, params: data.params ?? {}, ...(data.sessionId ? { sessionId: data.sessionId } : {}) });
      }
    };
  }

  static async connect(url: string): Promise<Cdp> {
    if (typeof WebSocket === 'undefined') throw new Error('bench: no WebSocket; run node with --experimental-websocket (npm run bench does)');
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.onopen = () => resolve();
      socket.onerror = () => reject(new Error('CDP socket failed'));
    });
    return new Cdp(socket);
  }

  send<T = unknown>(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<T> {
    const id = this.next++;
    this.socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    return new Promise<T>((resolve, reject) => this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject }));
  }

  on(listener: (event: CdpEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.socket.close();
  }
}

/** Chromium with the production build on `profileDir`, one about:blank tab, and a CDP client on its browser target. */
export async function spawnChromiumWithCdp(profileDir: string, extensionDir: string = CHROME_BUILD): Promise<{ cdp: Cdp; stop: () => Promise<void>; pid: number }> {
  const chrome = spawn(
    CHROMIUM_BIN,
    ['--headless', `--user-data-dir=${profileDir}`, '--remote-debugging-port=0', ...chromiumArgs({ extensionDir }), 'about:blank'],
    // Its own process group, so that stop() reaches the renderers and helpers too: they may
    // write into the profile after the browser process has exited (a profile removal then
    // failed with ENOTEMPTY and lost a bench section).
    { stdio: 'ignore', env: { ...process.env, LANGUAGE: 'zh_CN' }, detached: true },
  );
  const exited = new Promise((resolve) => chrome.once('exit', resolve).once('error', resolve));
  const stop = async () => {
    try {
      process.kill(-chrome.pid!, 'SIGTERM');
    } catch {
      chrome.kill('SIGTERM'); // the group is gone already, or never formed
    }
    await exited;
    // Until every process of the group has gone (signal 0 only asks whether one is left).
    for (let waited = 0; waited < 5_000; waited += 100) {
      try {
        process.kill(-chrome.pid!, 0);
      } catch {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  try {
    const portFile = join(profileDir, 'DevToolsActivePort');
    const [port, path] = await waitFor(
      'DevToolsActivePort',
      () => {
        try {
          const lines = readFileSync(portFile, 'utf8').split('\n');
          return lines[1] ? [lines[0]!, lines[1]] : undefined;
        } catch {
          return undefined;
        }
      },
      20_000,
    );
    return { cdp: await Cdp.connect(`ws://127.0.0.1:${port}${path}`), stop, pid: chrome.pid! };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** An extension service worker's thread, as Linux sees it. */
export interface WorkerThread {
  pid: number;
  tid: number;
}

/** Milliseconds a thread (or, without `tid`, every thread of a process) has run on a CPU: the first field of /proc schedstat, in ns. */
export function cpuMs(pid: number, tid?: number): number {
  const tids = tid === undefined ? readdirSync(`/proc/${pid}/task`) : [String(tid)];
  let ns = 0;
  for (const t of tids) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${t}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // a thread that ended between the listing and the read
    }
  }
  return ns / 1e6;
}

/**
 * The newest extension service-worker thread of the Chromium whose process group is `group`
 * (spawnChromiumWithCdp's pid): a thread named "ServiceWorker thread" in a renderer started
 * with --extension-process. Null while there is none (Chromium creates the thread a moment
 * after it reports the worker's target).
 */
export function extensionWorkerThread(group: number): WorkerThread | null {
  let newest: WorkerThread | null = null;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 5, the process group, counted after the ")" that ends the command's name.
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) !== group) continue;
      if (!readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('--extension-process')) continue;
      for (const tid of readdirSync(`/proc/${entry}/task`)) {
        if (!readFileSync(`/proc/${entry}/task/${tid}/comm`, 'utf8').startsWith('ServiceWorker')) continue;
        if (!newest || Number(tid) > newest.tid) newest = { pid: Number(entry), tid: Number(tid) };
      }
    } catch {
      // a process that ended while it was read
    }
  }
  return newest;
}

/** A Chrome trace event, as Tracing.dataCollected delivers it. */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  /** Start and wall-clock duration, µs. */
  ts: number;
  dur?: number;
  /** Thread-clock duration, µs: the time the thread ran, which the events carry on Linux. */
  tdur?: number;
}

/**
 * Categories whose events mark a worker thread's work: EvaluateScript (a script's compile and
 * first run, with v8.compile and v8.run inside), RunMicrotasks, V8's isolate set-up, and the
 * thread's tasks (RunTask), whose sum matched the thread's CPU from /proc within 1 ms.
 */
const TRACE_CATEGORIES = ['devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-devtools.timeline'];

/** Starts a browser-wide trace; `end` stops it and resolves with every event. */
export async function startTrace(cdp: Cdp): Promise<{ end: () => Promise<TraceEvent[]> }> {
  const events: TraceEvent[] = [];
  const off = cdp.on((event) => {
    if (event.method === 'Tracing.dataCollected') events.push(...(event.params.value as TraceEvent[]));
  });
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: TRACE_CATEGORIES } });
  return {
    end: async () => {
      const complete = new Promise<void>((resolve) => {
        const offComplete = cdp.on((event) => {
          if (event.method !== 'Tracing.tracingComplete') return;
          offComplete();
          resolve();
        });
      });
      await cdp.send('Tracing.end');
      await complete;
      off();
      return events;
    },
  };
}

/** Milliseconds of one thread's trace by what ran: script, the compile inside it, and V8's set-up of the isolate. */
export interface ThreadTrace {
  /** EvaluateScript and RunMicrotasks, outermost only: the JavaScript run (with its compile and the GC inside it). */
  script: number;
  /** v8.compile: compiling the worker's script, part of `script`. */
  compile: number;
  /** V8PerIsolateData::Initialize and the snapshot's deserialisation: a worker thread's set-up before any script. */
  setup: number;
}

const SCRIPT_EVENTS = new Set(['EvaluateScript', 'RunMicrotasks', 'FunctionCall', 'v8.callFunction']);
const SETUP_EVENTS = new Set(['V8PerIsolateData::Initialize', 'V8.DeserializeIsolate', 'V8.DeserializeContext']);

/** Thread time (tdur, else dur) of the outermost complete events of `names` on one thread. */
function outermostMs(events: readonly TraceEvent[], names: ReadonlySet<string>): number {
  const chosen = events.filter((e) => e.ph === 'X' && names.has(e.name)).sort((a, b) => a.ts - b.ts);
  let end = -Infinity;
  let us = 0;
  for (const e of chosen) {
    if (e.ts < end) continue; // inside one already counted
    us += e.tdur ?? e.dur ?? 0;
    end = e.ts + (e.dur ?? 0);
  }
  return us / 1000;
}

export function threadTrace(events: readonly TraceEvent[], thread: WorkerThread): ThreadTrace {
  const mine = events.filter((e) => e.pid === thread.pid && e.tid === thread.tid);
  return { script: outermostMs(mine, SCRIPT_EVENTS), compile: outermostMs(mine, new Set(['v8.compile'])), setup: outermostMs(mine, SETUP_EVENTS) };
}
