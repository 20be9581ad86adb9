// A Chromium started by hand with a raw DevTools Protocol client (Node's WebSocket), for the
// figures Playwright would distort: Playwright attaches to every worker, and an attached
// worker is never stopped as idle, so it can show neither wake-ups nor what a wake costs.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
export async function spawnChromiumWithCdp(profileDir: string, extensionDir: string = CHROME_BUILD): Promise<{ cdp: Cdp; stop: () => Promise<void> }> {
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
    return { cdp: await Cdp.connect(`ws://127.0.0.1:${port}${path}`), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string } }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Milliseconds of a V8 CPU profile the isolate was busy (every sample but "(idle)"). */
export function busyMs(profile: CpuProfile): number {
  return busyParts(profile).total;
}

/** Busy time split into V8's own buckets and JavaScript (functions of any script). */
export interface BusyParts {
  total: number;
  /** "(program)": native work outside JS functions: compiling, the runtime, the profiler itself. */
  program: number;
  /** "(garbage collector)". */
  gc: number;
  /** Samples in JavaScript functions, the top-level evaluation of scripts included. */
  js: number;
}

export function busyParts(profile: CpuProfile): BusyParts {
  const nameOf = new Map(profile.nodes.map((n) => [n.id, n.callFrame.functionName]));
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const parts: BusyParts = { total: 0, program: 0, gc: 0, js: 0 };
  for (let i = 0; i < samples.length; i++) {
    const name = nameOf.get(samples[i]!);
    const ms = (deltas[i] ?? 0) / 1000;
    if (name === '(idle)') continue;
    parts.total += ms;
    if (name === '(program)') parts.program += ms;
    else if (name === '(garbage collector)') parts.gc += ms;
    else parts.js += ms;
  }
  return parts;
}
