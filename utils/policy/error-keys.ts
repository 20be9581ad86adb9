// Every message key that policy validation can emit (the type PolicyErrorKey is in
// policy.ts, so that WXT's auto-imports see each name once). Each one is a message in
// public/_locales/*/messages.json; tests/unit/i18n/locales.test.ts checks both files against
// this list, so a new error cannot ship without its Chinese and English text.
export const POLICY_ERROR_KEYS = [
  // Structure
  'policyErrUnknownKey', // [key]
  'policyErrUnknownKeySuggest', // [key, nearest known key]
  'policyErrRequired', // [missing key]
  'policyErrTypeString', // [value as JSON, example for the path]
  'policyErrTypeInteger', // [value as JSON]
  'policyErrTypeBoolean', // [value as JSON]
  'policyErrTypeArray', // [value as JSON, example for the path]
  'policyErrTypeObject', // [value as JSON]
  'policyErrEnum', // [value, allowed values]
  'policyErrNumberTooSmall', // [value, minimum]
  'policyErrNumberTooBig', // [value, maximum]
  'policyErrTextEmpty', // []
  'policyErrTextTooLong', // [maximum length, actual length]
  'policyErrInvalid', // [] anything the mapping does not know (should not happen)
  // Schedule
  'policyErrPeriodFormat', // [value]
  'policyErrPeriodOrder', // [value]
  'policyErrPeriodOverlap', // [value, earlier period it overlaps]
  'policyErrDateFormat', // [value]
  'policyErrDateInvalid', // [value]
  'policyErrDateRangeOrder', // [value]
  'policyErrWorkdayDuplicate', // [date]
  'policyErrWorkdayIsHoliday', // [date]
  // Hosts (see HostErrorReason)
  'policyErrHostEmpty', // []
  'policyErrHostUrl', // [value, suggestion]
  'policyErrHostWildcard', // [value, suggestion]
  'policyErrHostPath', // [value, suggestion]
  'policyErrHostPort', // [value, suggestion]
  'policyErrHostIpv6', // [value]
  'policyErrHostNoDot', // [value]
  'policyErrHostPublicSuffix', // [value]
  'policyErrHostTooLong', // [value]
  'policyErrHostNotHost', // [value]
  // Custom categories
  'policyErrCategoryIdFormat', // [id]
  'policyErrCategoryIdBuiltin', // [id]
  'policyErrCategoryIdDuplicate', // [id]
  'policyErrKeywordTooShort', // [value]
  'policyErrKeywordChars', // [value]
] as const;
