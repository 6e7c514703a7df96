import { defineConfig, type Plugin } from 'vite';
import { inlineCodeInHtml } from './build/inlineCode.ts';

// `npm run dev` serves the page on Vite and sends every server route to a backend on :8080.
const backend = 'http://localhost:8080';

/**
 * The server sends the page with a Content-Security-Policy that allows scripts and styles from
 * files only: fail the build, rather than the page in a browser, if the emitted HTML has inline code.
 */
function refuseInlineCode(): Plugin {
  return {
    name: 'tidings-refuse-inline-code',
    apply: 'build',
    // after Vite's own HTML plugin, which emits index.html with the script and style tags it adds
    enforce: 'post',
    generateBundle(_, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'asset' || !file.fileName.endsWith('.html')) continue;
        const found = inlineCodeInHtml(String(file.source));
        if (found.length > 0) this.error(`${file.fileName} has what the page's CSP blocks:\n${found.join('\n')}`);
      }
    },
  };
}

export default defineConfig({
  plugins: [refuseInlineCode()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/sse': backend,
      '/api': backend,
      '/health': backend,
      '/metrics': backend,
    },
  },
});
