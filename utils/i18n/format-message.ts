// Chrome's messages.json format outside the browser (the policy CLI in Node), with the
// same substitution rules as chrome.i18n.getMessage, so one locale file serves both.

export type ChromeMessages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/** `$1`..`$9` → args, `$$` → `$`: the substitution step of getMessage. */
function substitute(text: string, args: readonly string[]): string {
  return text.replace(/\$(\$|[1-9])/g, (_, c: string) => (c === '$' ? '$' : (args[Number(c) - 1] ?? '')));
}

/**
 * The message `key` with `$NAME$` placeholders (names are case-insensitive) replaced by
 * their `content`, in which `$1`..`$9` are `args`; `$1`..`$9` and `$$` written directly in
 * the message work too, as in Chrome. One pass over the message, so an argument that
 * itself contains "$1" or "$NAME$" is inserted as written. An unknown key gives '', as
 * getMessage does.
 */
export function formatMessage(messages: ChromeMessages, key: string, args: string[]): string {
  const entry = Object.hasOwn(messages, key) ? messages[key] : undefined;
  if (!entry) return '';
  const placeholders = Object.fromEntries(
    Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]),
  );
  return entry.message.replace(/\$\$|\$([A-Za-z_@][\w@]*)\$|\$([1-9])/g, (match, name?: string, digit?: string) => {
    if (match === '$$') return '$';
    if (digit !== undefined) return args[Number(digit) - 1] ?? '';
    const content = name !== undefined && Object.hasOwn(placeholders, name.toLowerCase()) ? placeholders[name.toLowerCase()] : undefined;
    return content === undefined ? match : substitute(content, args);
  });
}
