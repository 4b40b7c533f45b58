import { defineConfig } from 'vitest/config';

// The server's default address; LIVECLASS_API points the dev server elsewhere.
const backend = process.env.LIVECLASS_API ?? 'http://127.0.0.1:5000';

export default defineConfig({
  build: {
    outDir: '../src/LiveClass.Server/wwwroot',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: true },
      '/hubs': { target: backend, changeOrigin: true, ws: true },
      '/healthz': { target: backend, changeOrigin: true },
    },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
  },
});
