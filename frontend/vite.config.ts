import { defineConfig } from 'vite';

// `npm run dev` serves the page on Vite and sends every server route to a backend on :8080.
const backend = 'http://localhost:8080';

export default defineConfig({
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
