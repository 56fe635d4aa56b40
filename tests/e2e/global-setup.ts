// Before any e2e test: the browser and the built renderer must be there; if not, say why in one
// line and stop, rather than failing every test with a stack trace.
import { existsSync } from 'node:fs'
import { chromiumIsInstalled, missingChromiumMessage } from './chromium'

function stop(message: string): never {
  console.error(message)
  process.exit(1)
}

export default function setup(): void {
  if (!chromiumIsInstalled()) stop(missingChromiumMessage)
  if (!existsSync('out/renderer/index.html')) {
    stop('The renderer is not built (out/renderer/index.html missing): run "npm run build" first.')
  }
}
