// Host normalisation: the one place where a string becomes a host entry (policy lists,
// teacher settings); hosts of real URLs are normalised by host-index.ts normalizeLookupHost.
// Pure: no browser API, so the policy CLI in Node and the extension agree on every entry.
// Public suffixes: the ICANN section of the Public Suffix List, as public-suffix.ts answers.
import { isPublicSuffix } from './public-suffix';

export type HostErrorReason =
  | 'empty' // nothing but spaces
  | 'url' // a whole URL: "https://taobao.com/path"
  | 'wildcard' // "*.taobao.com": entries already cover every subdomain
  | 'path' // "taobao.com/item"
  | 'port' // "taobao.com:8080": DNR requestDomains cannot express a port
  | 'ipv6' // "[::1]": not supported by the rule compiler
  | 'noDot' // "com": one label would block a whole TLD (or an intranet name)
  | 'publicSuffix' // "com.cn": blocks every site registered under it
  | 'tooLong' // over 253 characters
  | 'invalid'; // anything else that is not a hostname

export type HostEntryResult =
  | { ok: true; host: string }
  | { ok: false; reason: HostErrorReason; suggestion?: string };

const MAX_HOST_LENGTH = 253;
const IPV4_PART = /^(?:0|[1-9][0-9]{0,2})$/;

/** A dotted-quad IPv4 literal in canonical form ("10.0.0.5", not "010.0.0.5" or "10.5"). */
function isCanonicalIpv4(host: string): boolean {
  if (!isDigit(host.charCodeAt(host.length - 1))) return false; // most names: no split needed
  const parts = host.split('.');
  return parts.length === 4 && parts.every((p) => IPV4_PART.test(p) && Number(p) <= 255);
}

/**
 * A syntactically valid, already-normalised host: lower-case LDH labels of 1–63
 * characters (at most 253 in all), the last label not all digits; or a canonical IPv4
 * literal. A single label ("localhost") is valid here; policy entries need more, see
 * normalizeHostEntry.
 */
export function isValidHostname(host: string): boolean {
  if (host.length === 0 || host.length > MAX_HOST_LENGTH) return false;
  if (isCanonicalIpv4(host)) return true;
  // One pass over the characters (a policy may hold 100k+ entries): each label is 1–63 of
  // [a-z0-9-], not starting or ending with '-'; the last label not all digits.
  let labelStart = 0;
  let allDigits = true;
  for (let i = 0; i <= host.length; i++) {
    const code = i < host.length ? host.charCodeAt(i) : 46; /* a virtual '.' closes the last label */
    if (code === 46) {
      const length = i - labelStart;
      if (length === 0 || length > 63) return false;
      if (host.charCodeAt(labelStart) === 45 || host.charCodeAt(i - 1) === 45) return false; // '-'
      if (i === host.length) return !allDigits;
      labelStart = i + 1;
      allDigits = true;
    } else if (isDigit(code)) {
      // digits keep allDigits as it is
    } else if ((code >= 97 && code <= 122) || code === 45) {
      allDigits = false;
    } else {
      return false;
    }
  }
  return false; // not reached: the virtual '.' at the end returns
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * Runs the WHATWG URL host parser, which exists in browsers and in Node alike: it maps
 * Unicode to punycode (淘宝.cn → xn--...), full-width forms and "。" to ASCII, and
 * rejects bad punycode. Returns undefined when the parser refuses the host.
 */
function urlHostname(host: string): string | undefined {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return undefined;
  }
}

/** What an admin most likely meant by a string that is not a bare host, if it is a valid entry. */
function suggest(candidate: string | undefined): string | undefined {
  if (candidate === undefined) return undefined;
  const r = normalizeHostEntry(candidate);
  return r.ok ? r.host : undefined;
}

function fail(reason: HostErrorReason, suggestion?: string): HostEntryResult {
  return suggestion === undefined ? { ok: false, reason } : { ok: false, reason, suggestion };
}

/** Host part of something URL-like, or undefined when the URL parser cannot read it. */
function hostOfUrl(input: string): string | undefined {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? input : `http://${input.replace(/^\/\//, '')}`;
  try {
    return new URL(withScheme).hostname || undefined;
  } catch {
    return undefined;
  }
}

/** Removes leading "www." labels while what remains is still a usable entry ("www.com" stays). */
function stripWww(host: string): string {
  let h = host;
  while (h.startsWith('www.')) {
    const rest = h.slice(4);
    if (!rest.includes('.') || isPublicSuffix(rest)) break;
    h = rest;
  }
  return h;
}

/**
 * Normalises one host entry of a policy or a teacher's list. Entries match the host and
 * all its subdomains, so they are stored www.-less, lower case, without a trailing dot,
 * in punycode. IPv4 literals are accepted (some school intranets serve games by IP);
 * IPv6 literals are not. Anything else gets a reason and, where one is obvious, the entry
 * the admin probably meant.
 */
export function normalizeHostEntry(input: string): HostEntryResult {
  // Fast path for what lists are made of, lower-case ASCII names ("item.taobao.com"): none of
  // the shapes below can apply, so straight to the checks every entry needs.
  if (PLAIN_NAME.test(input) && !input.includes('xn--')) return checkName(input);
  const raw = input.trim();
  if (raw === '') return fail('empty');
  if (raw.length > 2 * MAX_HOST_LENGTH + 64) return fail('tooLong');

  // Shapes that are not a host at all, in the order an admin is most likely to write them.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) || raw.startsWith('//')) return fail('url', suggest(hostOfUrl(raw)));
  if (raw.startsWith('[') || /^[0-9a-f]*:[0-9a-f]*:/i.test(raw)) return fail('ipv6');
  if (raw.includes('*')) {
    const rest = raw.replace(/^\*+\.?/, '');
    return fail('wildcard', rest.includes('*') ? undefined : suggest(rest));
  }
  if (/[/?#\\]/.test(raw)) return fail('path', suggest(hostOfUrl(raw)));
  if (/:[0-9]*$/.test(raw)) return fail('port', suggest(raw.replace(/:[0-9]*$/, '')));
  if (/[\s@:%]/.test(raw)) return fail('invalid');

  let host = raw.toLowerCase();
  // Unicode (including full-width letters and "。") goes through the URL parser; so does
  // punycode, so that an invalid "xn--" label is refused here and not later by DNR.
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(host) || /(^|\.)xn--/.test(host)) {
    const ascii = urlHostname(host);
    if (ascii === undefined) return fail('invalid');
    host = ascii;
  }
  if (host.endsWith('.')) host = host.slice(0, -1);
  return checkName(host);
}

/** Lower-case LDH labels joined by dots, with no empty label and no trailing dot. */
const PLAIN_NAME = /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/;

/** The checks for a name already in lower-case ASCII form, without a trailing dot. */
function checkName(host: string): HostEntryResult {
  if (host.length > MAX_HOST_LENGTH) return fail('tooLong');

  // All-numeric names are IPv4 literals; only the canonical form, as other forms
  // ("10.1", "0x7f.1") would be silently rewritten by browsers into another address.
  if (/^[0-9.]+$/.test(host)) return isCanonicalIpv4(host) ? { ok: true, host } : fail('invalid');

  if (!isValidHostname(host)) return fail('invalid');
  if (!host.includes('.')) return fail('noDot');
  if (isPublicSuffix(host)) return fail('publicSuffix');
  return { ok: true, host: stripWww(host) };
}
