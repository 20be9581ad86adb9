/** Looks a _locales message up: the pages pass browser.i18n.getMessage, tests a messages.json. */
export type Translate = (key: string, args?: string[]) => string;
