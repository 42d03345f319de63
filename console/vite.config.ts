import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// The console is served by the diandan binary at `/`, the API under `/api/v1` on the same
// origin; `npm run dev` proxies the API to a server on 127.0.0.1:8080.
export default defineConfig({
  plugins: [vue()],
  base: '/',
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    // No inline polyfill script: the page's CSP has no 'unsafe-inline'.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        // Libraries in chunks of their own, so a change to our pages leaves them cached.
        manualChunks(id) {
          if (id.includes('node_modules/element-plus') || id.includes('node_modules/@element-plus')) return 'element-plus'
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts'
          if (id.includes('node_modules/')) return 'vendor'
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
})
