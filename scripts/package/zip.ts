// A folder as a zip (XPI and store uploads are plain zips), with yazl: the zip writer the CRX
// packer (crx3) already uses, so one library writes every archive Qingfeng ships.
import { createWriteStream, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import yazl from 'yazl';

export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

export function zipFolder(dir: string, outFile: string): Promise<void> {
  const zip = new yazl.ZipFile();
  // A fixed date: the same input gives the same bytes.
  const mtime = new Date('2000-01-01T00:00:00Z');
  for (const file of filesUnder(dir)) zip.addFile(file, relative(dir, file).split(sep).join('/'), { mtime });
  zip.end();
  return new Promise((resolve, reject) => {
    const out = createWriteStream(outFile);
    out.once('error', reject);
    out.once('close', () => resolve());
    zip.outputStream.once('error', reject).pipe(out);
  });
}
