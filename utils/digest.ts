/**
 * A fast 53-bit digest of a text (cyrb53), as 14 hex digits: the background compares what a
 * wake would derive from its inputs with what it derived last time, without deriving it again.
 * Not cryptographic: it tells "unchanged" apart from "changed", nothing more.
 */
export function digestText(text: string): string {
  return new TextDigest().update(text).hex();
}

/** Lists at least this long are fed as words (TextDigest.updateWordList), shorter ones as their JSON text. */
export const WORD_LIST_MIN = 64;

/**
 * A digest of a JSON value (what storage and policies hold), without building its text: at a
 * 100k-domain policy the text is megabytes, and the wake that only checks whether the policy
 * changed paid for building it and collecting it (issue 16). It is digestText(JSON.stringify(value))
 * while every list is shorter than WORD_LIST_MIN; a longer list is fed as words (half the work
 * of its JSON text), so equal values still give equal digests and the stream stays unambiguous.
 */
export function digestJson(value: unknown): string {
  return feedJson(new TextDigest(), value).hex();
}

/** Feeds the characters JSON.stringify(value) writes (a long list as words); `undefined` at the top feeds nothing. */
function feedJson(digest: TextDigest, value: unknown): TextDigest {
  if (typeof value === 'string') return digest.updateJsonString(value);
  if (Array.isArray(value)) {
    // JSON.stringify writes null for what it cannot write in an array.
    const item = (d: TextDigest, item: unknown) => void (item === undefined || typeof item === 'function' || typeof item === 'symbol' ? d.update('null') : feedJson(d, item));
    return value.length >= WORD_LIST_MIN ? digest.updateWordList(value, item) : digest.updateJsonArray(value, item);
  }
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON !== 'function') {
    digest.update('{');
    let first = true;
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key];
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      if (!first) digest.update(',');
      first = false;
      digest.updateJsonString(key).update(':');
      feedJson(digest, item);
    }
    return digest.update('}');
  }
  const text = JSON.stringify(value) as string | undefined;
  return text === undefined ? digest : digest.update(text);
}

/**
 * The same digest fed in pieces: digesting a text piece by piece gives what digestText gives
 * for the whole, without ever building the whole (issue 16: the installed rules' canonical
 * text is megabytes at 100k domains, and building it cost more than hashing it).
 */
/** Markers of updateWordList, above any UTF-16 code unit (0xFFFF): a list, a string of n units, another item. */
const WORD_LIST = 0x4000_0000;
const STRING_ITEM = 0x10000;
const OTHER_ITEM = 0x2000_0000;

export class TextDigest {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;
  /** Characters fed so far. */
  length = 0;

  update(text: string): this {
    let { h1, h2 } = this;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    return this.keep(h1, h2, text.length);
  }

  /** Feeds JSON.stringify(text) (quotes and escapes included) without building it. */
  updateJsonString(text: string): this {
    return this.update('"').feedJsonChars(text, 0).update('"');
  }

  /**
   * Feeds a JSON array: `[`, its items with `,` between, `]`. A string item is fed as
   * updateJsonString feeds it, with the state kept in locals across the list (issue 16: for a
   * rule's 100k requestDomains the per-string calls cost more than the hashing itself, and
   * so did a scan first to check they are all strings); any other item is fed by `other`.
   */
  updateJsonArray(list: readonly unknown[], other: (digest: this, item: unknown) => void): this {
    this.update('[');
    let { h1, h2 } = this;
    let fed = 0;
    for (let n = 0; n < list.length; n++) {
      const text = list[n];
      if (n > 0) {
        h1 = Math.imul(h1 ^ 44, 2654435761);
        h2 = Math.imul(h2 ^ 44, 1597334677);
        fed++;
      }
      if (typeof text !== 'string') {
        this.keep(h1, h2, fed);
        fed = 0;
        other(this, text);
        ({ h1, h2 } = this);
        continue;
      }
      h1 = Math.imul(h1 ^ 34, 2654435761);
      h2 = Math.imul(h2 ^ 34, 1597334677);
      let i = 0;
      for (; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c < 0x20 || c === 34 || c === 92 || (c >= 0xd800 && c <= 0xdfff)) break;
        h1 = Math.imul(h1 ^ c, 2654435761);
        h2 = Math.imul(h2 ^ c, 1597334677);
      }
      fed += i + 1;
      if (i < text.length) {
        // A character JSON escapes: the rest of this string the careful way.
        this.keep(h1, h2, fed);
        fed = 0;
        this.feedJsonChars(text, i);
        ({ h1, h2 } = this);
      }
      h1 = Math.imul(h1 ^ 34, 2654435761);
      h2 = Math.imul(h2 ^ 34, 1597334677);
      fed++;
    }
    return this.keep(h1, h2, fed).update(']');
  }

  /**
   * Feeds a long list as words rather than as its JSON text (rulesDigest, issue 16: a wake
   * hashes the 100k domains it reads back from the browser). A string item is its length,
   * offset above any character code, then its characters two to a word: the length says where
   * it ends, so nothing needs escaping, and the multiplications are half those of
   * updateJsonArray. Any other item is a marker, then what `other` feeds. The list is the
   * same stream only for the same items in the same order; the stream is not JSON's.
   *
   * With `from` and `step`, only the items at from, from + step, … are fed (rulesSliceDigest:
   * a wake with nothing to compile checks one slice of the domains); the list's whole length is
   * fed all the same, so an item added or removed anywhere changes every slice.
   */
  updateWordList(list: readonly unknown[], other: (digest: this, item: unknown) => void, from = 0, step = 1): this {
    let { h1, h2 } = this;
    let fed = 0;
    h1 = Math.imul(h1 ^ (WORD_LIST + list.length), 2654435761);
    h2 = Math.imul(h2 ^ (WORD_LIST + list.length), 1597334677);
    for (let n = from; n < list.length; n += step) {
      const text = list[n];
      if (typeof text !== 'string') {
        h1 = Math.imul(h1 ^ OTHER_ITEM, 2654435761);
        h2 = Math.imul(h2 ^ OTHER_ITEM, 1597334677);
        this.keep(h1, h2, fed);
        fed = 0;
        other(this, text);
        ({ h1, h2 } = this);
        continue;
      }
      const length = text.length;
      h1 = Math.imul(h1 ^ (STRING_ITEM + length), 2654435761);
      h2 = Math.imul(h2 ^ (STRING_ITEM + length), 1597334677);
      let i = 0;
      for (; i + 1 < length; i += 2) {
        const w = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
        h1 = Math.imul(h1 ^ w, 2654435761);
        h2 = Math.imul(h2 ^ w, 1597334677);
      }
      if (i < length) {
        const c = text.charCodeAt(i);
        h1 = Math.imul(h1 ^ c, 2654435761);
        h2 = Math.imul(h2 ^ c, 1597334677);
      }
      fed += length;
    }
    return this.keep(h1, h2, fed);
  }

  /** The characters of JSON.stringify(text) from `text[from]` on, without the quotes. */
  private feedJsonChars(text: string, from: number): this {
    let { h1, h2 } = this;
    let plain = 0;
    for (let i = from; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x20 || c === 34 || c === 92 || (c >= 0xd800 && c <= 0xdfff)) {
        // Escapes and surrogates are rare in rules: JSON.stringify says how it writes them.
        this.keep(h1, h2, plain);
        plain = 0;
        const pair = c <= 0xdbff && c >= 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
        this.update(pair ? text.slice(i, i + 2) : JSON.stringify(text[i]!).slice(1, -1));
        if (pair) i++;
        ({ h1, h2 } = this);
        continue;
      }
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
      plain++;
    }
    return this.keep(h1, h2, plain);
  }

  /** Stores the state a loop kept in locals, with the characters it fed. */
  private keep(h1: number, h2: number, fed: number): this {
    this.h1 = h1;
    this.h2 = h2;
    this.length += fed;
    return this;
  }

  hex(): string {
    let { h1, h2 } = this;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
  }
}
