/** `value` as decimal digits, zero-padded to `width` (clock times, day keys). */
export function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}
