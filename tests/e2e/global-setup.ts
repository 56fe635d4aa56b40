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
  for (const built of ['out/renderer/index.html', 'out/cli/index.js']) {
    if (!existsSync(built))
      stop(`The app is not built (${built} missing): run "npm run build" first.`)
  }
}
