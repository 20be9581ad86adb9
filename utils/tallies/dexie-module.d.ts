// The lazily evaluated Dexie of scripts/lazy-dexie.ts (a Vite plugin provides the module).
declare module 'virtual:qingfeng-dexie' {
  import type { Dexie } from 'dexie';
  /** Dexie's class, evaluated at the first call. */
  export default function loadDexie(): typeof Dexie;
}
