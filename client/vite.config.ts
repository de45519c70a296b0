import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The portal is served by the API server itself (same origin), so the built
// client uses relative URLs; the dev server proxies the API to :4000.
const api = 'http://localhost:4000';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  // graphql must be a single module instance (GraphiQL and Apollo share it).
  resolve: { dedupe: ['graphql', 'react', 'react-dom'] },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      onwarn(warning, warn) {
        // GraphiQL's modules start with "use no memo" (a React compiler hint) that bundling drops: harmless noise.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/graphql': api, '/api': api, '/healthz': api },
  },
});
