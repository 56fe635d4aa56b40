// Keeping roots in step while the app or `run` is up: watcher hints re-stat just the paths they
// name, files settle on their own timers, the remote side is walked every minute, every root is
// rescanned every ten minutes (and after a watcher error or a wake from sleep), and the queue is
// worked whenever something changed.
import type { Watcher, WatchHandle } from '../local'
import type { SyncEngine } from './engine'
import type { LocalLook } from './root-sync'

export interface ContinuousOptions {
  engine: SyncEngine
  watcher: Watcher
  remoteEveryMs?: number
  rescanEveryMs?: number
  /** Hints are gathered this long before a pass, so a burst of events makes one pass. */
  debounceMs?: number
  /** Told about failures that do not stop syncing (a watcher that could not start...). */
  log?: (message: string) => void
}

interface Watched {
  handle: WatchHandle | null
  paths: Set<string>
  fullScan: boolean
  lastRemote: number
  lastScan: number
}

export class ContinuousSync {
  private readonly watched = new Map<string, Watched>()
  private stopped = false
  private wake: (() => void) | null = null
  /** A kick that came while a pass was running: the loop goes round again at once. */
  private kicked = false
  private timer: NodeJS.Timeout | null = null
  private running: Promise<void> | null = null

  constructor(private readonly options: ContinuousOptions) {}

  start(): void {
    this.running ??= this.loop()
  }

  /** Something changed from outside (resume, retry, a root added): work now. */
  kick(): void {
    if (this.wake) this.wake()
    else this.kicked = true
  }

  /** Rescan every root on the next pass (after sleep, or when a watcher lost events). */
  rescanAll(): void {
    for (const state of this.watched.values()) state.fullScan = true
    this.kick()
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.kick()
    await this.running
    for (const state of this.watched.values()) await state.handle?.close()
    this.watched.clear()
  }

  private async follow(): Promise<void> {
    const { engine, watcher, log } = this.options
    const roots = engine.listRoots()
    for (const [rootId, state] of this.watched) {
      if (!roots.some((root) => root.id === rootId)) {
        await state.handle?.close()
        this.watched.delete(rootId)
      }
    }
    for (const root of roots) {
      if (this.watched.has(root.id)) continue
      const state: Watched = {
        handle: null,
        paths: new Set(),
        fullScan: true,
        lastRemote: 0,
        lastScan: 0,
      }
      this.watched.set(root.id, state)
      try {
        state.handle = await watcher.start(
          root.localPath,
          (events) => {
            for (const event of events) state.paths.add(event.path)
            this.soon()
          },
          (error) => {
            log?.(`Watching ${root.localPath} failed (${error.message}); rescanning it.`)
            state.fullScan = true
            this.soon()
          },
        )
      } catch (error) {
        log?.(
          `Cannot watch ${root.localPath}: ${(error as Error).message}. It is rescanned on a timer.`,
        )
      }
    }
  }

  /** Wakes the loop after the debounce, so a burst of hints makes one pass. */
  private soon(): void {
    if (this.timer) return
    this.timer = setTimeout(() => {
      this.timer = null
      this.kick()
    }, this.options.debounceMs ?? 500)
  }

  private async loop(): Promise<void> {
    const { engine, log } = this.options
    const remoteEvery = this.options.remoteEveryMs ?? 60_000
    const rescanEvery = this.options.rescanEveryMs ?? 10 * 60_000
    while (!this.stopped) {
      await this.follow()
      const now = Date.now()
      for (const root of engine.listRoots()) {
        const state = this.watched.get(root.id)!
        const fullScan = state.fullScan || now - state.lastScan >= rescanEvery
        const walk = now - state.lastRemote >= remoteEvery
        const local: LocalLook = fullScan
          ? { kind: 'full' }
          : { kind: 'paths', paths: new Set(state.paths) }
        const hinted = [...state.paths]
        state.paths.clear()
        state.fullScan = false
        try {
          if (await engine.passRoot(root.id, local, walk)) {
            if (fullScan) state.lastScan = now
            if (walk) state.lastRemote = now
          } else {
            // Paused or held: keep what was asked for, so nothing noticed meanwhile is lost.
            for (const path of hinted) state.paths.add(path)
            state.fullScan ||= fullScan
          }
        } catch (error) {
          state.fullScan = true
          log?.(`Syncing ${root.localPath} failed: ${(error as Error).message}`)
        }
      }
      await engine.drain()
      await this.idle(this.nextWakeIn(remoteEvery))
    }
  }

  /** Milliseconds until something is due: a settling file, a remote walk, a backoff ending. */
  private nextWakeIn(remoteEvery: number): number {
    const now = Date.now()
    let next = now + remoteEvery
    for (const state of this.watched.values()) next = Math.min(next, state.lastRemote + remoteEvery)
    const settle = this.options.engine.nextSettleAt()
    if (settle !== null) next = Math.min(next, settle)
    const due = this.options.engine.index.queue.nextAttemptAt()
    if (due !== null) next = Math.min(next, due)
    return Math.max(50, next - now)
  }

  private idle(ms: number): Promise<void> {
    if (this.kicked) {
      this.kicked = false
      return Promise.resolve()
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms)
      function done() {
        clearTimeout(timer)
        resolve()
      }
      this.wake = () => {
        this.wake = null
        done()
      }
      if (this.stopped) done()
    })
  }
}
