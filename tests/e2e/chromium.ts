// Finding and launching Debian's headless Chromium for end-to-end tests (no browser download).
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, type LaunchOptions, chromium } from 'playwright-core'

export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'

export const missingChromiumMessage = `Chromium not found at ${chromiumPath}: install it with "apt-get install chromium" (Debian/Ubuntu) or set CHROMIUM_PATH.`

export function chromiumIsInstalled(): boolean {
  return existsSync(chromiumPath)
}

/** Flags that keep a root, offline, headless Chromium quiet and self-contained. */
const flags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
]

export interface Browser {
  context: BrowserContext
  close(): Promise<void>
}

/** A browser with a fresh profile folder of its own, removed on close. */
export async function launchChromium(
  options: Parameters<typeof chromium.launchPersistentContext>[1] = {},
): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'frameio-sync-chromium-'))
  const launch: LaunchOptions = { executablePath: chromiumPath, headless: true, args: flags }
  const context = await chromium.launchPersistentContext(profile, { ...launch, ...options })
  return {
    context,
    async close() {
      await context.close()
      await rm(profile, { recursive: true, force: true })
    },
  }
}
