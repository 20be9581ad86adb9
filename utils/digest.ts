/**
 * A fast 53-bit digest of a text (cyrb53), as 14 hex digits: the background compares what a
 * wake would derive from its inputs with what it derived last time, without deriving it again.
 * Not cryptographic: it tells "unchanged" apart from "changed", nothing more.
 */
export function digestText(text: string): string {
  return new TextDigest().update(text).hex();
}

/**
 * The same digest fed in pieces: digesting a text piece by piece gives what digestText gives
 * for the whole, without ever building the whole (issue 16: the installed rules' canonical
 * text is megabytes at 100k domains, and building it cost more than hashing it).
 */
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
    this.h1 = h1;
    this.h2 = h2;
    this.length += text.length;
    return this;
  }

  /** Feeds JSON.stringify(text) (quotes and escapes included) without building it. */
  updateJsonString(text: string): this {
    this.update('"');
    let { h1, h2 } = this;
    let plain = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x20 || c === 34 || c === 92 || (c >= 0xd800 && c <= 0xdfff)) {
        // Escapes and surrogates are rare in rules: JSON.stringify says how it writes them.
        this.h1 = h1;
        this.h2 = h2;
        this.length += plain;
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
    this.h1 = h1;
    this.h2 = h2;
    this.length += plain;
    return this.update('"');
  }

  hex(): string {
    let { h1, h2 } = this;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
  }
}
