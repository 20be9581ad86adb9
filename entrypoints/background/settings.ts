/** The options page's requests: settings, the URL tester and data deletion. */
import { deleteAll, recordEvent } from '@/utils/tallies/db';
import type { DeleteResult, SaveSettingsResult, SettingsResponse, UrlDecision } from '@/utils/messages/types';
import type { TeacherSettings } from '@/utils/policy/resolve';
import { parsePolicy } from '@/utils/policy/schema';
import { type CategoryId } from '@/utils/policy/constants';
import { currentContext, decideNow } from './context';
import { blockedCount, policyStatus, teacherSettings } from './storage';
import { reconcileNewSettings } from './controller';
import { publicSuffixesReady } from './public-suffixes';
import { discardPendingUsage, tallyDb, writeTallies } from './tally-db';

export async function getSettings(): Promise<SettingsResponse> {
  const ctx = await currentContext();
  return { config: ctx.config, teacher: await teacherSettings.getValue(), policy: await policyStatus.getValue(), categories: ctx.categories };
}

/** The teacher's settings pass the same schema as a policy; keys the policy locks are refused. */
export async function saveTeacherSettings(input: unknown): Promise<SaveSettingsResult> {
  await publicSuffixesReady();
  const parsed = parsePolicy(input);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const { locked } = (await currentContext()).config;
  const touched = Object.keys(parsed.policy).flatMap((key) =>
    key === 'categories' ? Object.keys(parsed.policy.categories ?? {}).map((id) => `categories.${id}`) : [key],
  );
  // A locked key may come back unchanged (the page sends the whole form); a change is refused.
  const stored = (await teacherSettings.getValue()) ?? {};
  const valueAt = (policy: TeacherSettings, key: string) =>
    JSON.stringify(key.startsWith('categories.') ? policy.categories?.[key.slice(11) as CategoryId] : policy[key as keyof TeacherSettings]);
  const refused = touched.filter((key) => (locked as string[]).includes(key) && valueAt(parsed.policy, key) !== valueAt(stored, key));
  if (refused.length > 0) return { ok: false, errors: refused.map((path) => ({ path, key: 'settingsLocked', args: [path] })) };
  await teacherSettings.setValue(parsed.policy);
  await reconcileNewSettings();
  return { ok: true };
}

export async function testUrl(url: string, now: number): Promise<UrlDecision> {
  return decideNow(await currentContext(), url, now);
}

/** Deleting the records is the teacher's right unless the school's policy locks settings. */
export async function deleteAllData(now: number): Promise<DeleteResult> {
  const { config } = await currentContext();
  // lockSettings is true only where a policy is present and does not unlock settings.
  if (config.values.lockSettings) {
    return { ok: false, refusal: 'locked' };
  }
  // In the write queue, so no write counted before the deletion lands after it.
  await writeTallies(async () => {
    discardPendingUsage();
    await deleteAll(await tallyDb());
    await recordEvent(await tallyDb(), { at: now, type: 'dbReset', detail: 'deleted by the teacher' });
    await blockedCount.setValue(null);
  });
  return { ok: true };
}
