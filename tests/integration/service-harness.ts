// The service on a real engine for tests: what a test host gives it besides the engine and client
// (settings kept in memory, a log buffer, versions), and a fresh set-up per test.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Mock, afterEach, beforeEach, vi } from 'vitest'
import { type AppService, createAppService } from '../../src/core'
import { SyncEngine } from '../../src/core/engine'
import type { FrameioClient } from '../../src/core/frameio'
import { LogBuffer } from '../../src/core/log'
import type { ServiceSync } from '../../src/core/service'
import { type SyncIndex, openIndex } from '../../src/core/sync-index'
import { type Settings, defaultSettings, settingsSchema } from '../../src/shared'
import type { TestEnv } from './checked-emulator'
import { newClient } from './client-harness'

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

export interface ServiceOnEngine {
  dir: string
  index: SyncIndex
  client: FrameioClient
  engine: SyncEngine
  service: AppService
  host: { quit: Mock<() => void>; openExternal: Mock<(url: string) => Promise<undefined>> }
}

/**
 * Call at the top of a test file: before each test, a fresh index in a temp folder, a client of the
 * emulator (not signed in), an engine and the service on them; all closed and removed after it.
 */
export function useServiceOnEngine(env: TestEnv): ServiceOnEngine {
  const made = {} as ServiceOnEngine
  made.host = { quit: vi.fn(), openExternal: vi.fn(async (_url: string) => undefined) }
  beforeEach(async () => {
    made.dir = await mkdtemp(join(tmpdir(), 'service-'))
    made.index = openIndex(join(made.dir, 'index.sqlite'))
    made.client = newClient(env.emulator).client
    made.engine = new SyncEngine({ index: made.index, client: made.client })
    made.service = createAppService(made.host, serviceSync(made.engine, made.client))
    made.host.openExternal.mockClear()
  })
  afterEach(async () => {
    made.service.dispose()
    await made.engine.stop()
    made.index.close()
    await rm(made.dir, { recursive: true, force: true })
  })
  return made
}
