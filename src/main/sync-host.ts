// The engine as the desktop app hosts it: settings in electron-store, tokens in the OS keychain
// (safeStorage), the index in the app's data folder, and the continuous loop with the watcher.
import { join } from 'node:path'
import { SyncEngine } from '../core/engine'
import { ContinuousSync } from '../core/engine/continuous'
import { type FrameioConfig, FrameioClient, resolveConfig } from '../core/frameio'
import { createWatcher } from '../core/local'
import { type SyncIndex, openIndex } from '../core/sync-index'
import type { Settings } from '../shared'
import { SafeStorageSecretStore } from './secret-store'
import type { SettingsStore } from './settings-store'

export interface SyncHost {
  settings: SettingsStore
  config: FrameioConfig
  client: FrameioClient
  index: SyncIndex
  engine: SyncEngine
  continuous: ContinuousSync
}

/** Saved API settings first (non-empty ones), then the environment, then the real services. */
export function configFrom(settings: Settings, env: NodeJS.ProcessEnv): FrameioConfig {
  const saved = Object.fromEntries(Object.entries(settings.api).filter(([, value]) => value !== ''))
  return resolveConfig(saved, env)
}

export function createSyncHost(options: {
  userData: string
  settings: SettingsStore
  consent: () => Promise<boolean>
  log: (line: string) => void
}): SyncHost {
  const { settings, log } = options
  const config = configFrom(settings.read(), process.env)
  const secrets = new SafeStorageSecretStore({
    folder: options.userData,
    consent: options.consent,
    log,
  })
  const client = new FrameioClient({ config, secrets })
  const index = openIndex(join(options.userData, 'index.sqlite'))
  const engine = new SyncEngine({ index, client, settings: () => settings.read() })
  const continuous = new ContinuousSync({
    engine,
    watcher: createWatcher({
      onFallback: (error) => log(`file watcher fallback: ${error.message}`),
    }),
    log,
  })
  return { settings, config, client, index, engine, continuous }
}
