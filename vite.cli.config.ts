// Builds the headless CLI (src/cli) into out/cli for Node, beside the Electron targets.
import { defineConfig } from 'vite'

export default defineConfig({
  build: {
    ssr: 'src/cli/index.ts',
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node24',
    rollupOptions: { output: { entryFileNames: 'index.js' } },
  },
})
