// crx3 1.x ships no types; this is the part of its API the packer uses.
declare module 'crx3' {
  type Crx3Options = { keyPath: string; crxPath: string; zipPath?: string; xmlPath?: string };
  type Crx3Info = { appId: string };
  export default function crx3(files: string[], options: Crx3Options): Promise<Crx3Info>;
}
