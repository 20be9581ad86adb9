/** Saves a file a page built (a report export, the editor's zip): a Blob URL on a temporary link with `download`; works in extension pages and in a file:// page. */
export function downloadBlob(filename: string, blob: Blob): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // Firefox reads the Blob after click returns; revoke on a later task.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
