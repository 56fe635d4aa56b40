// Watching a root for changes: @parcel/watcher (native) by default, chokidar 5 when the native
// watcher cannot start. Events are hints only; the engine stats the paths again.
import { realpath } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import type ParcelWatcher from '@parcel/watcher'
import { watch } from 'chokidar'
import { stateFolderName } from '../transfer/download'
import { normalizePath } from './names'
import { assertRootFolder, RootUnavailableError } from './root-problem'

export type WatchEventKind = 'create' | 'update' | 'delete'

export interface WatchEvent {
  /** Root-relative, '/'-separated, NFC. */
  path: string
  kind: WatchEventKind
}

export type WatcherBackend = 'parcel' | 'chokidar'

export interface WatchHandle {
  /** Which watcher is in use for this root. */
  readonly backend: WatcherBackend
  close(): Promise<void>
}

export interface Watcher {
  /** Starts watching; throws a `RootUnavailableError` if the root is missing or not a folder. */
  start(
    rootPath: string,
    onEvents: (events: WatchEvent[]) => void,
    onError: (error: Error) => void,
  ): Promise<WatchHandle>
}

type ParcelApi = Pick<typeof ParcelWatcher, 'subscribe'>
export type ParcelLoader = () => Promise<ParcelApi>

/** Loaded on first use, so a native module that fails to load is an error we can catch. */
const loadParcel: ParcelLoader = async () => (await import('@parcel/watcher')).default

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error))
}

/**
 * The root-relative NFC path of an absolute one, or null when it is the root itself, outside it,
 * or in the state folder. `roots` are the forms the root may be reported under.
 */
function toRelative(roots: readonly string[], absolute: string): string | null {
  for (const root of roots) {
    const inside = relative(root, absolute)
    if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
      continue
    }
    const path = normalizePath(inside.split(sep).join('/'))
    if (path === stateFolderName || path.startsWith(`${stateFolderName}/`)) return null
    return path
  }
  return null
}

export function parcelWatcher(load: ParcelLoader = loadParcel): Watcher {
  return {
    async start(rootPath, onEvents, onError) {
      await assertRootFolder(rootPath)
      const parcel = await load()
      const given = resolve(rootPath)
      // Some platforms report events under the root's real path (macOS /tmp is /private/tmp).
      const roots = [...new Set([given, await realpath(given)])]
      const subscription = await parcel.subscribe(
        given,
        (error, events) => {
          if (error) {
            onError(error)
            return
          }
          const hints: WatchEvent[] = []
          for (const event of events) {
            const path = toRelative(roots, event.path)
            if (path !== null) hints.push({ path, kind: event.type })
          }
          if (hints.length > 0) onEvents(hints)
        },
        { ignore: [stateFolderName] },
      )
      return { backend: 'parcel', close: () => subscription.unsubscribe() }
    },
  }
}

const chokidarKinds: Readonly<Record<string, WatchEventKind>> = {
  add: 'create',
  addDir: 'create',
  change: 'update',
  unlink: 'delete',
  unlinkDir: 'delete',
}

export const chokidarWatcher: Watcher = {
  async start(rootPath, onEvents, onError) {
    await assertRootFolder(rootPath)
    const root = resolve(rootPath)
    const statePath = join(root, stateFolderName)
    const watcher = watch(root, {
      ignoreInitial: true,
      // Readiness is the readiness gate's job, not the watcher's.
      awaitWriteFinish: false,
      followSymlinks: false,
      ignored: (path: string) => path === statePath || path.startsWith(`${statePath}${sep}`),
    })
    // chokidar reports one event at a time; hand them over in batches, as @parcel/watcher does.
    let batch: WatchEvent[] = []
    let closed = false
    watcher.on('all', (event, absolute) => {
      const kind = chokidarKinds[event]
      const path = toRelative([root], absolute)
      if (!kind || path === null) return
      if (batch.length === 0) {
        setImmediate(() => {
          const events = batch
          batch = []
          if (!closed) onEvents(events)
        })
      }
      batch.push({ path, kind })
    })
    watcher.on('error', (error) => onError(asError(error)))
    await new Promise<void>((ready) => watcher.once('ready', ready))
    return {
      backend: 'chokidar',
      close: () => {
        closed = true
        return watcher.close()
      },
    }
  },
}

export interface CreateWatcherOptions {
  /** How @parcel/watcher is loaded; tests pass one that fails. */
  loadParcel?: ParcelLoader
  /** Told why the native watcher could not start when chokidar is used instead. */
  onFallback?: (error: Error) => void
}

/** @parcel/watcher, or chokidar when the native watcher cannot load or start for a root. */
export function createWatcher(options: CreateWatcherOptions = {}): Watcher {
  const native = parcelWatcher(options.loadParcel)
  return {
    async start(rootPath, onEvents, onError) {
      try {
        return await native.start(rootPath, onEvents, onError)
      } catch (error) {
        // A missing root is not the native watcher's fault; chokidar would fail the same way.
        if (error instanceof RootUnavailableError) throw error
        options.onFallback?.(asError(error))
        return chokidarWatcher.start(rootPath, onEvents, onError)
      }
    },
  }
}
