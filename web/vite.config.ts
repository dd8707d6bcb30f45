// The web app is built into static files that `assay serve` embeds
// (src/assay/server/CMakeLists.txt runs `npm run build -- --outDir DIR`).
// Nothing is inlined into index.html: the server's Content-Security-Policy
// allows scripts and styles from the app's own files only.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  build: {
    target: 'es2022',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: false,
  },
});
