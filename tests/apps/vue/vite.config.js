// As `npm create vite` makes it, plus the README's one line for custom
// elements and a relative base (served under /app/vue/ by tests/apps/serve.mjs).
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  base: './',
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'infoplus-signature' } } })],
});
