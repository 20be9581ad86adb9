// Reading a policy file's bytes as the CLI and the editor page both do (#14). Pure: the
// caller reads the file (fs, or a dropped File) and shows the message.
//
// Windows Notepad saves UTF-8 (with or without a byte-order mark) and, as "Unicode",
// UTF-16 with a BOM; on Chinese Windows its old default "ANSI" is GBK. GBK text is almost
// never valid UTF-8, and guessing an encoding would turn a school's name into mojibake in
// every file written, so anything that is not UTF-8 or BOM-marked UTF-16 is refused with
// the way to fix it.
import { parseJsonSource } from './json-source';

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

export type DecodedText = { ok: true; text: string; encoding: TextEncodingName } | { ok: false; reason: 'notUnicode' };

/** The text of a file's bytes, by its byte-order mark; without one it must be valid UTF-8. */
export function decodePolicyBytes(bytes: Uint8Array): DecodedText {
  const [b0, b1, b2] = bytes;
  const decode = (label: string, from: number, encoding: TextEncodingName): DecodedText => {
    try {
      return { ok: true, text: new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(from)), encoding };
    } catch {
      return { ok: false, reason: 'notUnicode' };
    }
  };
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return decode('utf-8', 3, 'utf-8-bom');
  if (b0 === 0xff && b1 === 0xfe) return decode('utf-16le', 2, 'utf-16le');
  if (b0 === 0xfe && b1 === 0xff) return decode('utf-16be', 2, 'utf-16be');
  return decode('utf-8', 0, 'utf-8');
}

/** A message for the admin: a `kit*` key of _locales and its arguments, the file's name first. */
export type PolicyFileError = { key: string; args: string[] };

export type PolicyFileResult = { ok: true; value: unknown; encoding: TextEncodingName } | { ok: false; error: PolicyFileError };

/** Bytes → JSON value, or the one message that says what is wrong with the file. */
export function readPolicyBytes(fileName: string, bytes: Uint8Array): PolicyFileResult {
  const decoded = decodePolicyBytes(bytes);
  if (!decoded.ok) return { ok: false, error: { key: 'kitErrNotUnicode', args: [fileName] } };
  // An empty file is its own mistake, not a JSON error "at line 1, column 1".
  if (decoded.text.trim() === '') return { ok: false, error: { key: 'kitErrEmptyFile', args: [fileName] } };
  const source = parseJsonSource(decoded.text);
  if (!source.ok) {
    return { ok: false, error: { key: 'kitErrJsonSyntax', args: [fileName, String(source.line), String(source.column), source.near] } };
  }
  return { ok: true, value: source.value, encoding: decoded.encoding };
}
