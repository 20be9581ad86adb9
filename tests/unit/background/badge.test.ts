// #18: the toolbar shows at a glance whether the work-time rules are in force: the green icon
// and today's count in work time, the grey icon and no count outside it.
import { fakeBrowser } from 'wxt/testing';
import { beforeEach, expect, test, vi } from 'vitest';
import { updateBadge } from '@/entrypoints/background/badge';

// WXT's fake browser has no action.setIcon and no i18n.getMessage (they throw "not
// implemented"): record the icon calls, and answer each message with its key.
const setIcon = vi.fn((_details: unknown) => Promise.resolve());

beforeEach(() => {
  fakeBrowser.reset();
  setIcon.mockClear();
  Object.assign(fakeBrowser.action, { setIcon });
  Object.assign(fakeBrowser.i18n, { getMessage: (key: string) => key });
});

const NOW = new Date(2026, 10, 30, 9, 0).getTime();

test.each([
  [true, { 16: '/icon/16.png', 32: '/icon/32.png' }, '4'],
  [false, { 16: '/icon/off-16.png', 32: '/icon/off-32.png' }, ''],
])('rules in force: %s → that icon and badge text', async (inForce, path, text) => {
  await updateBadge({ inForce, blockedToday: 4, nextBoundary: NOW + 3_600_000, now: NOW });
  expect(setIcon).toHaveBeenCalledWith({ path });
  expect(await fakeBrowser.action.getBadgeText({})).toBe(text);
  expect(await fakeBrowser.action.getTitle({})).toBe(inForce ? 'badgeTitleWork' : 'badgeTitleOff');
});

test('the same state again sets nothing (issue 16: a wake does not decode the icon again); a change sets it', async () => {
  const state = { inForce: true, blockedToday: 4, nextBoundary: NOW + 3_600_000, now: NOW };
  await updateBadge(state);
  await updateBadge(state);
  expect(setIcon).toHaveBeenCalledTimes(1);
  await updateBadge({ ...state, blockedToday: 5 });
  expect(setIcon).toHaveBeenCalledTimes(2);
  expect(await fakeBrowser.action.getBadgeText({})).toBe('5');
  await updateBadge({ ...state, inForce: false });
  expect(setIcon).toHaveBeenLastCalledWith({ path: { 16: '/icon/off-16.png', 32: '/icon/off-32.png' } });
});

test('a new worker with the same state builds no text (the last badge is kept); a browser that reset its badge gets it again', async () => {
  const state = { inForce: true, blockedToday: 4, nextBoundary: NOW + 3_600_000, now: NOW };
  await updateBadge(state);
  const getMessage = vi.spyOn(fakeBrowser.i18n, 'getMessage');
  await updateBadge(state);
  expect(getMessage).not.toHaveBeenCalled();
  expect(setIcon).toHaveBeenCalledTimes(1);
  // What a browser restart does: the badge is back to the manifest's, session storage empty.
  await fakeBrowser.action.setTitle({ title: '' });
  await fakeBrowser.action.setBadgeText({ text: '' });
  await fakeBrowser.storage.session.clear();
  await updateBadge(state);
  expect(setIcon).toHaveBeenCalledTimes(2);
  expect(await fakeBrowser.action.getBadgeText({})).toBe('4');
});

test('a wake with the badge unchanged does not ask the action API (issue 16)', async () => {
  const state = { inForce: true, blockedToday: 4, nextBoundary: NOW + 3_600_000, now: NOW };
  await updateBadge(state);
  const getTitle = vi.spyOn(fakeBrowser.action, 'getTitle');
  const getBadgeText = vi.spyOn(fakeBrowser.action, 'getBadgeText');
  await updateBadge(state);
  expect(getTitle).not.toHaveBeenCalled();
  expect(getBadgeText).not.toHaveBeenCalled();
  expect(setIcon).toHaveBeenCalledTimes(1);
});

test('without session storage (Chrome 101) the badge is read back: a reset one is set again', async () => {
  const session = fakeBrowser.storage.session;
  Reflect.deleteProperty(fakeBrowser.storage, 'session');
  try {
    const state = { inForce: true, blockedToday: 4, nextBoundary: NOW + 3_600_000, now: NOW };
    await updateBadge(state);
    await updateBadge(state);
    expect(setIcon).toHaveBeenCalledTimes(1);
    await fakeBrowser.action.setBadgeText({ text: '' });
    await updateBadge(state);
    expect(setIcon).toHaveBeenCalledTimes(2);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('4');
  } finally {
    Object.assign(fakeBrowser.storage, { session });
  }
});
