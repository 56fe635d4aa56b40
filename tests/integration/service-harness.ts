// What a test host gives the service besides the engine and client: settings kept in memory, a
// log buffer and versions.
import type { SyncEngine } from '../../src/core/engine'
import type { FrameioClient } from '../../src/core/frameio'
import { LogBuffer } from '../../src/core/log'
import type { ServiceSync } from '../../src/core/service'
import { type Settings, defaultSettings, settingsSchema } from '../../src/shared'

export function memorySettings(initial: Settings = defaultSettings): ServiceSync['settings'] {
  let current = initial
  return {
    read: () => current,
    update: (change) => (current = settingsSchema.parse({ ...current, ...change })),
  }
}

export function serviceSync(engine: SyncEngine, client: FrameioClient): ServiceSync {
  return {
    engine,
    client,
    settings: memorySettings(),
    log: new LogBuffer(),
    versions: { 'frameio-sync': 'test' },
  }
}
