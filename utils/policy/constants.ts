// The policy's fixed vocabularies, without zod: the block page, the schedule and the matcher
// share them without pulling the schema into their bundles.

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const CATEGORY_IDS = ['shopping', 'games', 'redPacket', 'webChat', 'video', 'social', 'lottery'] as const;
export type CategoryId = (typeof CATEGORY_IDS)[number];

export const MODES = ['block', 'log', 'off'] as const;
/** "block": blocked in work time; "log": allowed and counted; "off": ignored. */
export type Mode = (typeof MODES)[number];
