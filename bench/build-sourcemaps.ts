// A second production build, with source maps, into bench/out/sourcemap-build, for bench/size.ts
// to attribute the bundle's bytes to packages. The measured sizes come from the ordinary
// build (.output/chrome-mv3); this build only says who the bytes belong to.
import { build } from 'wxt';

await build({
  outDir: 'bench/out/sourcemap-build',
  vite: () => ({ build: { sourcemap: true } }),
});
