// As `npm create vite` makes it, plus a relative base: the built app is
// served under /app/react/ by tests/apps/serve.mjs.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  base: './',
  plugins: [react()],
});
