/**
 * Keeps the browser's declarativeNetRequest rules equal to what the effective configuration
 * asks for at this instant: the block rules in work time, none outside it.
 */
import { browser } from 'wxt/browser';
import { buildHostIndex, categorizeHost, matchUrlKeyword, type HostIndex, type MatchConfig } from '@/utils/classify';
import { buildMatchConfig, type EffectiveConfig } from '@/utils/config';
import { DEFAULTS } from '@/utils/policy';
import { compileBlockRules, rulesFingerprint, type RuleLimitError } from '@/utils/rules';
import type { DnrRule } from '@/utils/dnr-types';
import { isWorkTime } from '@/utils/schedule';
import { dnrLimits, installedRuleIds, replaceDynamicRules } from './dnr';
import { blockingState } from './storage';

export const blockPageUrl = () => browser.runtime.getURL('/blocked.html');

function compile(match: MatchConfig, now: number): { rules: DnrRule[] } | { errors: RuleLimitError[] } {
  const compiled = compileBlockRules(match, { blockPageUrl: blockPageUrl(), limits: dnrLimits(), now, unlocks: [] });
  return compiled.ok ? { rules: compiled.rules } : { errors: compiled.errors };
}

/**
 * Installs the rules for `now`. When the configuration cannot be compiled within the
 * browser's limits, the rules already installed stay; if none are, the built-in defaults are
 * installed, so protection is never dropped (DESIGN principle 5).
 */
export async function applyBlocking(config: EffectiveConfig, now: number): Promise<void> {
  const previous = await blockingState.getValue();
  const inWorkTime = isWorkTime(config.values.schedule, now);
  const match = buildMatchConfig(config.values);
  let rules: DnrRule[] = [];
  let errors: RuleLimitError[] = [];
  if (inWorkTime) {
    const compiled = compile(match, now);
    if ('errors' in compiled) {
      errors = compiled.errors;
      if (previous.inForce && previous.fingerprint !== null) {
        await blockingState.setValue({ ...previous, errors, checkedAt: now });
        return;
      }
      const fallback = compile(buildMatchConfig(DEFAULTS), now);
      rules = 'rules' in fallback ? fallback.rules : [];
    } else {
      rules = compiled.rules;
    }
  }
  const fingerprint = rulesFingerprint(rules);
  const installed = await installedRuleIds();
  if (fingerprint !== previous.fingerprint || installed.length !== rules.length) await replaceDynamicRules(rules);
  await blockingState.setValue({ inForce: inWorkTime, fingerprint, errors, checkedAt: now, since: inWorkTime === previous.inForce ? previous.since : now });
  // A work period has begun: pages already open on blocked sites go to the block page.
  if (inWorkTime && !previous.inForce) await sendOpenTabsToBlockPage(buildHostIndex(match));
}

export function isBlockedUrl(index: HostIndex, url: string): boolean {
  let host: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
    host = parsed.hostname;
  } catch {
    return false;
  }
  const match = categorizeHost(index, host);
  if (match?.allowed) return false;
  if (match?.mode === 'block') return true;
  return matchUrlKeyword(index, url)?.mode === 'block';
}

async function sendOpenTabsToBlockPage(index: HostIndex): Promise<void> {
  const tabs = await browser.tabs.query({ url: ['http://*/*', 'https://*/*'] });
  await Promise.all(
    tabs
      .filter((tab) => tab.id !== undefined && tab.url !== undefined && isBlockedUrl(index, tab.url))
      .map((tab) => browser.tabs.update(tab.id!, { url: `${blockPageUrl()}#${tab.url}` }).catch(() => undefined)),
  );
}
