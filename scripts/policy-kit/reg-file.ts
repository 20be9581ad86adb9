// Windows .reg files as regedit writes them: "Windows Registry Editor Version 5.00",
// UTF-16LE with a byte-order mark and CRLF line ends. That is regedit's own export format,
// and the only one in which it reads Chinese text reliably (a UTF-8 or ANSI .reg is read in
// the PC's code page, which garbles 清风 on some machines).

export type RegValue =
  | { name: string; type: 'sz'; data: string }
  | { name: string; type: 'dword'; data: number }
  /** `"name"=-`: regedit deletes the value (an undo file's line). */
  | { name: string; type: 'delete' };

/**
 * One `[key]` section; `deleteFirst` writes `[-key]` before it, so values removed from the
 * policy do not linger; `deleteOnly` writes just `[-key]`, which deletes the key and all below it.
 */
export type RegKey = { path: string; values: RegValue[]; deleteFirst?: boolean; deleteOnly?: boolean };

/** One `; comment` line per entry of `comments`, then the keys. */
export type RegDocument = { comments: string[]; keys: RegKey[] };

/** `"…"`, with backslash and double quote escaped: the only escapes regedit knows in a quoted string. */
function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * A quoted REG_SZ cannot hold a line break or other control character (regedit has no
 * escape for them), so such a string is written as hex(1): its UTF-16LE bytes with the
 * terminating NUL, which is how regedit itself exports it.
 */
function stringData(s: string): string {
  if (!/[\u0000-\u001f\u007f]/.test(s)) return quote(s);
  const bytes = utf16le(`${s}\0`);
  return `hex(1):${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join(',')}`;
}

function valueLine(v: RegValue): string {
  const name = quote(v.name);
  if (v.type === 'delete') return `${name}=-`;
  if (v.type === 'dword') {
    if (!Number.isInteger(v.data) || v.data < 0 || v.data > 0xffffffff) throw new Error(`REG_DWORD out of range: ${v.name}=${v.data}`);
    return `${name}=dword:${v.data.toString(16).padStart(8, '0')}`;
  }
  return `${name}=${stringData(v.data)}`;
}

/** The file's text (LF ends; `encodeRegFile` makes them CRLF). */
export function renderRegText(doc: RegDocument): string {
  const lines = ['Windows Registry Editor Version 5.00', ''];
  for (const c of doc.comments) lines.push(c === '' ? ';' : `; ${c}`);
  if (doc.comments.length > 0) lines.push('');
  for (const key of doc.keys) {
    if (key.deleteOnly) {
      lines.push(`[-${key.path}]`, '');
      continue;
    }
    if (key.deleteFirst) lines.push(`[-${key.path}]`, '');
    lines.push(`[${key.path}]`, ...key.values.map(valueLine), '');
  }
  return lines.join('\n');
}

/**
 * UTF-16LE code units of a string. Written out rather than with Node's Buffer, so that the
 * editor page, which runs in a browser, makes the same bytes as the CLI (#14).
 */
function utf16le(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    out[2 * i] = unit & 0xff;
    out[2 * i + 1] = unit >> 8;
  }
  return out;
}

/** UTF-16LE with BOM and CRLF, regedit's native encoding. */
export function encodeRegFile(text: string): Uint8Array {
  const body = utf16le(text.replace(/\r?\n/g, '\r\n'));
  const out = new Uint8Array(2 + body.length);
  out.set([0xff, 0xfe]);
  out.set(body, 2);
  return out;
}
