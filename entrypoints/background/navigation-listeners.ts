/**
 * The per-navigation listeners are needed in work time only: off work nothing is blocked,
 * counted or credited (navigation.ts and records.ts return at once there). Yet while one is
 * registered the browser sends the worker an event for every page load, and starts the
 * worker for it when it is stopped (issue 16: a control extension that registers Qingfeng's
 * listeners and does nothing with them cost page loads 2.7 % more than one without; a cold
 * start of the worker is ~60 ms of its thread and ~200 ms of a renderer process here).
 *
 * So they are added synchronously at every worker start, as any listener must be (an event
 * that woke the worker finds its listener), and removed when a reconcile finds the time off
 * work. Removing a listener also removes the browser's record of it (Chromium's lazy
 * listeners; Firefox's persistent ones, cleared by its EventManager.removeListener): a
 * navigation off work no longer wakes the worker.
 * The boundary alarm wakes it at the start of work, and that start adds them again.
 */
import { syncFocus } from './accounting-feed';

interface Registration {
  add(): void;
  remove(): void;
}

/** One listener on one event (with what addListener takes after it, such as a filter), added and removed as a pair. */
export function registration<F, A extends unknown[]>(event: { addListener(cb: F, ...args: A): void; removeListener(cb: F): void }, listener: F, ...args: A): Registration {
  return { add: () => event.addListener(listener, ...args), remove: () => event.removeListener(listener) };
}

let registrations: readonly Registration[] = [];
let listening = false;

/** At the top of the worker's main, synchronously: registers the listeners. */
export function startListeningToNavigation(list: readonly Registration[]): void {
  registrations = list;
  for (const r of registrations) r.add();
  listening = true;
}

/**
 * Adds or removes the listeners for the time now. Turned back on within one worker's life
 * (work starts while it is awake), the accounting is told where the focus is: the commits it
 * missed off work may have changed the focused tab's host.
 */
export function listenToNavigation(on: boolean): void {
  if (on === listening) return;
  for (const r of registrations) (on ? r.add : r.remove)();
  listening = on;
  if (on) syncFocus().catch((error: unknown) => console.warn('[qingfeng] focus not read', error));
}
