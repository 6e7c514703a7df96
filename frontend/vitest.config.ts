import { defineConfig } from 'vitest/config';

// Unit tests only: protocol code in plain Node, no browser, no DOM.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
