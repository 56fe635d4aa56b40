// Watchers on real folders: @parcel/watcher and chokidar each report create, update and delete as
// root-relative paths and leave out the state folder; createWatcher falls back to chokidar when
// the native module cannot load, but not when the root itself is missing.
import { appendFile, mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  chokidarWatcher,
  createWatcher,
  parcelWatcher,
  RootUnavailableError,
  type WatchEvent,
  type Watcher,
  type WatchHandle,
} from '../../src/core/local'
import { useTempFolders } from './local-temp'

const tempFolder = useTempFolders('local-watcher')
const handles: WatchHandle[] = []
afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.close()
})

/** Waits (up to a generous 10 s, never asserting speed) until an event matching `wanted` came. */
async function waitFor(events: WatchEvent[], wanted: WatchEvent): Promise<void> {
  const giveUpAt = Date.now() + 10_000
  while (!events.some((event) => event.path === wanted.path && event.kind === wanted.kind)) {
    if (Date.now() > giveUpAt) {
      throw new Error(`No ${wanted.kind} event for ${wanted.path}; got ${JSON.stringify(events)}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

async function watching(watcher: Watcher) {
  const root = await tempFolder()
  await mkdir(join(root, '.frameio-sync'))
  await mkdir(join(root, 'shoot'))
  const events: WatchEvent[] = []
  const errors: Error[] = []
  const handle = await watcher.start(
    root,
    (batch) => events.push(...batch),
    (error) => errors.push(error),
  )
  handles.push(handle)
  return { root, events, errors, handle }
}

async function expectCreateUpdateDelete(watcher: Watcher): Promise<WatchHandle> {
  const { root, events, errors, handle } = await watching(watcher)
  await writeFile(join(root, '.frameio-sync', 'own-write.tmp'), 'state')
  await writeFile(join(root, 'shoot', 'clip.mov'), 'first bytes')
  await waitFor(events, { path: 'shoot/clip.mov', kind: 'create' })
  await appendFile(join(root, 'shoot', 'clip.mov'), ' and more')
  await waitFor(events, { path: 'shoot/clip.mov', kind: 'update' })
  await rm(join(root, 'shoot', 'clip.mov'))
  await waitFor(events, { path: 'shoot/clip.mov', kind: 'delete' })
  await mkdir(join(root, 'Cafe\u0301'))
  await waitFor(events, { path: 'Caf\u00e9', kind: 'create' })
  expect(events.filter((event) => event.path.startsWith('.frameio-sync'))).toEqual([])
  expect(errors).toEqual([])
  return handle
}

describe('watchers', () => {
  it('@parcel/watcher reports create, update and delete, not the state folder', async () => {
    const handle = await expectCreateUpdateDelete(parcelWatcher())
    expect(handle.backend).toBe('parcel')
  }, 60_000)

  it('chokidar reports create, update and delete, not the state folder', async () => {
    const handle = await expectCreateUpdateDelete(chokidarWatcher)
    expect(handle.backend).toBe('chokidar')
  }, 60_000)

  it('reports nothing after close', async () => {
    const { root, events, handle } = await watching(chokidarWatcher)
    await handle.close()
    await writeFile(join(root, 'after-close.mov'), 'x')
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(events).toEqual([])
  }, 60_000)

  it('falls back to chokidar when @parcel/watcher cannot load, and says why', async () => {
    const fallbacks: Error[] = []
    const watcher = createWatcher({
      loadParcel: () => Promise.reject(new Error('The native module did not load.')),
      onFallback: (error) => fallbacks.push(error),
    })
    const handle = await expectCreateUpdateDelete(watcher)
    expect(handle.backend).toBe('chokidar')
    expect(fallbacks.map((error) => error.message)).toEqual(['The native module did not load.'])
  }, 60_000)

  it('refuses a missing root instead of falling back', async () => {
    const fallbacks: Error[] = []
    const watcher = createWatcher({ onFallback: (error) => fallbacks.push(error) })
    const missing = join(await tempFolder(), 'unplugged')
    const started = watcher.start(
      missing,
      () => undefined,
      () => undefined,
    )
    await expect(started).rejects.toBeInstanceOf(RootUnavailableError)
    await expect(started).rejects.toThrow(`The folder ${missing} is missing`)
    expect(fallbacks).toEqual([])
  })
})
