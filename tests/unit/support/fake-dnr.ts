/**
 * The background's dnr module for tests that do not look at rules: the fake browser has no
 * declarativeNetRequest. `vi.mock('@/entrypoints/background/dnr', () => import('../support/fake-dnr'))`.
 * reconcile.test.ts keeps its own, which holds the installed rules.
 */
import { vi } from 'vitest';
import { CHROME_DNR_LIMITS } from '@/utils/dnr/types';

export const dnrLimits = () => CHROME_DNR_LIMITS;
export const dnrAvailable = () => true;
export const installedRules = vi.fn(async (): Promise<{ dynamic: unknown[]; session: unknown[] }> => ({ dynamic: [], session: [] }));
export const updateRules = vi.fn(async () => undefined);
