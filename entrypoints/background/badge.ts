/**
 * The toolbar badge (#5): whether the work-time rules are in force, and today's blocked
 * attempts; the tooltip says until when. Outside work time no count shows and the icon
 * turns grey (#18), so "rules in force or not" reads at a glance.
 */
import { browser } from 'wxt/browser';
import { browserTranslate } from '@/utils/i18n/browser-translate';
import { actionIconPaths } from '@/utils/ui/icons';
import { describeWhen } from '@/utils/time/when';
import { badgeSessionKey, badgeShown } from './storage';

const WORK_COLOUR = '#0b6e4f';

export interface BadgeState {
  inForce: boolean;
  blockedToday: number;
  nextBoundary: number | null;
  now: number;
}

const t = browserTranslate;

export async function updateBadge(state: BadgeState): Promise<void> {
  const when = state.nextBoundary === null ? null : describeWhen(state.nextBoundary, state.now);
  const text = state.inForce ? String(Math.min(state.blockedToday, 999)) : '';
  // Unchanged since the last wake, and still shown (a browser restart resets the badge): set
  // nothing, and build no text (issue 16: setting the icon decodes its images, and the first
  // message looked up loads the locale's messages, at every wake).
  const key = JSON.stringify([state.inForce, state.inForce ? state.blockedToday : null, when]);
  const shown = await badgeShown.getValue();
  if (shown?.key === key && (await stillShown(shown))) return;
  const whenText = when ? t(when.key, when.args) : null;
  const title = state.inForce
    ? t('badgeTitleWork', [whenText ?? t('badgeNoEnd'), String(state.blockedToday)])
    : t('badgeTitleOff', [whenText ?? t('badgeNoStart')]);
  await browser.action.setBadgeBackgroundColor({ color: WORK_COLOUR });
  await browser.action.setBadgeText({ text });
  await browser.action.setTitle({ title });
  await browser.action.setIcon({ path: actionIconPaths(state.inForce ? 'on' : 'off') });
  await badgeShown.setValue({ key, title, text });
  if (hasSessionStorage()) await badgeSessionKey.setValue(key);
}

const hasSessionStorage = (): boolean => (browser.storage as { session?: unknown }).session !== undefined;

/**
 * Whether the toolbar still shows the badge last set. The browser resets it when it restarts
 * or reloads the extension, and clears session storage then too: where there is session
 * storage, the key kept there answers without touching the action API (issue 16: building the
 * action bindings was ~1.5 ms of every cold wake). Chrome 101 has none: the badge is read back.
 */
async function stillShown(shown: { key: string; title: string; text: string }): Promise<boolean> {
  if (hasSessionStorage()) return (await badgeSessionKey.getValue().catch(() => null)) === shown.key;
  const [title, text] = await Promise.all([browser.action.getTitle({}), browser.action.getBadgeText({})]).catch(() => [null, null]);
  return title === shown.title && text === shown.text;
}
