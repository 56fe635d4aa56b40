// The whole app for end-to-end tests: the emulator, the real engine and service with continuous
// sync, the loopback bridge serving the built renderer, and Chromium on it. The harness plays the
// operating system's part in sign-in: it opens the browser the app asks for, and hands the
// redirect to the custom scheme back to the app, as a deep link would.
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { type AppService, type Bridge, createAppService, startBridge } from '../../src/core'
import { SyncEngine } from '../../src/core/engine'
import { ContinuousSync } from '../../src/core/engine/continuous'
import { FrameioClient, resolveConfig } from '../../src/core/frameio'
import { createWatcher } from '../../src/core/local'
import { LogBuffer } from '../../src/core/log'
import type { SecretStore } from '../../src/core/ports'
import { type SyncIndex, openIndex } from '../../src/core/sync-index'
import { type Settings, defaultSettings, settingsSchema } from '../../src/shared'
import { type Emulator, developmentClient, startEmulator } from '../emulator/index.ts'
import { type Browser, launchChromium } from './chromium'

export interface AppHarness {
  emulator: Emulator
  engine: SyncEngine
  service: AppService
  bridge: Bridge
  browser: Browser
  page: Page
  index: SyncIndex
  /** A folder to sync, empty at the start. */
  folder: string
  projectId: string
  stop(): Promise<void>
}

class MemorySecrets implements SecretStore {
  private readonly values = new Map<string, string>()
  async read(key: string) {
    return this.values.get(key) ?? null
  }
  async write(key: string, value: string) {
    this.values.set(key, value)
  }
  async remove(key: string) {
    this.values.delete(key)
  }
}

export async function startApp(options: { problems: string[] }): Promise<AppHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'e2e-app-'))
  const folder = join(dir, 'Launch Film')
  await mkdir(folder)
  const emulator = await startEmulator({ seed: 'demo', dataDir: join(dir, 'emulator') })
  const tree = (await emulator.tree()) as Array<{
    workspaces: Array<{ projects: Array<{ id: string; name: string }> }>
  }>
  const projectId = tree
    .flatMap((account) => account.workspaces)
    .flatMap((workspace) => workspace.projects)
    .find((project) => project.name === 'Launch Film')!.id
  const config = resolveConfig(
    {
      apiUrl: emulator.url,
      imsUrl: emulator.url,
      clientId: developmentClient.clientId,
      redirectUri: developmentClient.redirectUris[0]!,
    },
    {},
  )
  const client = new FrameioClient({ config, secrets: new MemorySecrets() })
  const index = openIndex(join(dir, 'index.sqlite'))
  let settings: Settings = { ...defaultSettings, readyAfterSeconds: 1 }
  const engine = new SyncEngine({ index, client, settings: () => settings })
  const continuous = new ContinuousSync({
    engine,
    watcher: createWatcher(),
    remoteEveryMs: 1_000,
    debounceMs: 100,
  })
  const browser = await launchChromium({
    viewport: { width: 360, height: 520 },
    deviceScaleFactor: 2,
  })
  const scheme = `${new URL(config.redirectUri).protocol}`
  let service: AppService | null = null
  const openBrowser = async (url: string) => {
    const tab = await browser.context.newPage()
    // The consent form answers with a redirect to the app's scheme: the OS's part is ours.
    tab.on('response', (response) => {
      const location = response.headers()['location']
      if (location?.startsWith(scheme))
        void service?.completeSignIn(location).then(() => tab.close())
    })
    await tab.goto(url)
  }
  service = createAppService(
    { quit: () => undefined, openExternal: openBrowser },
    {
      engine,
      client,
      settings: {
        read: () => settings,
        update: (change) => (settings = settingsSchema.parse({ ...settings, ...change })),
      },
      log: new LogBuffer(),
      versions: { 'frameio-sync': 'e2e' },
      kick: () => continuous.kick(),
    },
  )
  const bridge = await startBridge({ ...service, staticDir: 'out/renderer' })
  continuous.start()
  const page = await browser.context.newPage()
  page.on('console', (message) => {
    if (message.type() === 'error') options.problems.push(message.text())
  })
  page.on('pageerror', (error) => options.problems.push(error.message))
  await page.goto(bridge.pageUrl)
  return {
    emulator,
    engine,
    service,
    bridge,
    browser,
    page,
    index,
    folder,
    projectId,
    async stop() {
      await continuous.stop()
      await engine.stop()
      service?.dispose()
      await browser.close()
      await bridge.close()
      await emulator.stop()
      index.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}
