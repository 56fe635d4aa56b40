// What every command shares, made on first use from the global options: the data folder, the
// settings, the token file, the Frame.io client, and (for sync commands) the index and engine.
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import envPaths from 'env-paths'
import { SyncEngine } from '../core/engine'
import { LogBuffer } from '../core/log'
import { type FrameioConfig, FrameioClient, resolveConfig } from '../core/frameio'
import { type SyncIndex, openIndex } from '../core/sync-index'
import type { ApiSettings } from '../shared'
import { FileSecretStore } from './file-secrets'
import { SettingsFile } from './settings-file'

export interface GlobalValues {
  'data-dir'?: string | undefined
  'api-url'?: string | undefined
  'ims-url'?: string | undefined
  'client-id'?: string | undefined
  'redirect-uri'?: string | undefined
}

export const globalOptions = {
  'data-dir': { type: 'string' },
  'api-url': { type: 'string' },
  'ims-url': { type: 'string' },
  'client-id': { type: 'string' },
  'redirect-uri': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

/** --data-dir, else FRAMEIO_SYNC_HOME, else the OS's folder for application data. */
export function dataDirFrom(values: GlobalValues, env: Record<string, string | undefined>): string {
  const chosen = values['data-dir'] ?? env['FRAMEIO_SYNC_HOME']
  return chosen ? resolve(chosen) : envPaths('frameio-sync', { suffix: '' }).data
}

/** The API settings given as flags on this command line (only those given). */
export function apiFlags(values: GlobalValues): Partial<ApiSettings> {
  const given: Partial<ApiSettings> = {}
  if (values['api-url'] !== undefined) given.apiUrl = values['api-url']
  if (values['ims-url'] !== undefined) given.imsUrl = values['ims-url']
  if (values['client-id'] !== undefined) given.clientId = values['client-id']
  if (values['redirect-uri'] !== undefined) given.redirectUri = values['redirect-uri']
  return given
}

export class Session {
  readonly dataDir: string
  /** The recent log (notes and warnings), for diagnostics. */
  readonly log = new LogBuffer()
  private settingsFile: SettingsFile | null = null
  private frameio: FrameioClient | null = null
  private syncIndex: SyncIndex | null = null
  private syncEngine: SyncEngine | null = null

  constructor(
    private readonly values: GlobalValues,
    private readonly env: Record<string, string | undefined>,
  ) {
    this.dataDir = dataDirFrom(values, env)
  }

  get settings(): SettingsFile {
    if (!this.settingsFile) {
      mkdirSync(this.dataDir, { recursive: true, mode: 0o700 })
      this.settingsFile = new SettingsFile(this.dataDir)
    }
    return this.settingsFile
  }

  /** Flags first, then saved settings, then the environment, then the real services. */
  get config(): FrameioConfig {
    const saved = Object.fromEntries(
      Object.entries(this.settings.read().api).filter(([, value]) => value !== ''),
    )
    return resolveConfig({ ...saved, ...apiFlags(this.values) }, this.env)
  }

  get secrets(): FileSecretStore {
    return FileSecretStore.inFolder(this.dataDir)
  }

  get client(): FrameioClient {
    this.frameio ??= new FrameioClient({ config: this.config, secrets: this.secrets })
    return this.frameio
  }

  get index(): SyncIndex {
    if (!this.syncIndex) {
      mkdirSync(this.dataDir, { recursive: true, mode: 0o700 })
      this.syncIndex = openIndex(join(this.dataDir, 'index.sqlite'))
    }
    return this.syncIndex
  }

  get engine(): SyncEngine {
    this.syncEngine ??= new SyncEngine({
      index: this.index,
      client: this.client,
      settings: () => this.settings.read(),
    })
    return this.syncEngine
  }

  async close(): Promise<void> {
    await this.syncEngine?.stop()
    this.syncIndex?.close()
  }
}
