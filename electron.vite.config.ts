// Builds the three Electron targets: main (ESM), preload (CommonJS, one file, for the sandbox),
// renderer (React). The renderer's CSP is injected here from the shared definition.
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import { contentSecurityPolicy } from './src/shared/csp'

function contentSecurityPolicyTag(): Plugin {
  let mode: 'production' | 'development' = 'production'
  return {
    name: 'frameio-sync:csp',
    configResolved(config) {
      mode = config.command === 'serve' ? 'development' : 'production'
    },
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy(mode) },
        injectTo: 'head-prepend',
      },
    ],
  }
}

export default defineConfig({
  main: {
    build: {
      rollupOptions: { input: { index: 'src/main/index.ts' } },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: 'src/preload/index.ts' },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react(), contentSecurityPolicyTag()],
    build: {
      rollupOptions: { input: { index: 'src/renderer/index.html' } },
    },
  },
})
