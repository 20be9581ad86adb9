import { expect, test } from 'vitest';
import { dnrLimitsOf } from '../../../utils/dnr/limits';
import { CHROME_DNR_LIMITS } from '../../../utils/dnr/types';

test.each([
  ['Chrome 121+', { MAX_NUMBER_OF_DYNAMIC_RULES: 30_000, MAX_NUMBER_OF_UNSAFE_DYNAMIC_RULES: 5_000, MAX_NUMBER_OF_REGEX_RULES: 1_000 }, { maxDynamicRules: 30_000, maxUnsafeDynamicRules: 5_000, maxRegexRules: 1_000 }],
  ['Chrome 90–120 (one shared limit)', { MAX_NUMBER_OF_DYNAMIC_AND_SESSION_RULES: 5_000, MAX_NUMBER_OF_REGEX_RULES: 1_000 }, { maxDynamicRules: 5_000, maxUnsafeDynamicRules: 5_000, maxRegexRules: 1_000 }],
  ['a fork that states nothing', {}, CHROME_DNR_LIMITS],
])('%s', (_name, api, expected) => {
  expect(dnrLimitsOf(api, CHROME_DNR_LIMITS)).toEqual(expected);
});
