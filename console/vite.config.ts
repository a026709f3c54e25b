import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Served under /console/ on the API's own origin (LocalApiGateway locally, CloudFront in AWS).
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: {
    // no inline scripts or styles: the Content-Security-Policy allows 'self' only
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    // the kiosk's face detector (tfjs inside face-api) is one 1.3 MB chunk, loaded by the kiosk only
    chunkSizeWarningLimit: 1400,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.tsx', 'src/**/*.test.ts'],
  },
});
