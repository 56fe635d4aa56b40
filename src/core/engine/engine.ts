// The sync engine: owns the synced roots, their passes and the queue worker, pause and resume,
// and tells listeners (at most ten times a second) when what it would show has changed. It runs
// either once until nothing is left to do (`run --once`) or continuously (see continuous.ts).
import type { Got } from 'got'
import { type Settings, defaultSettings } from '../../shared'
import type { FrameioClient } from '../frameio'
import { createHttp } from '../frameio/http'
import { sleep } from '../frameio/sleep'
import { WalkBudget } from '../remote'
import type { IssueRecord, RootRecord, SyncIndex } from '../sync-index'
import {
  Downloader,
  ProgressHub,
  type ProgressSnapshot,
  TransferLimits,
  Uploader,
} from '../transfer'
import type { ExecuteDeps } from './execute'
import { type NewRootRequest, addRoot } from './roots'
import { type LocalLook, RootSync, type RootSyncDeps, priorities } from './root-sync'
import { type EngineSnapshot, snapshotOf } from './status'
import { QueueWorker, type Stall } from './worker'

export interface EngineDeps {
  index: SyncIndex
  client: FrameioClient
  settings?: () => Settings
  http?: Got
  platform?: NodeJS.Platform
  now?: () => number
}

export interface RunOnceOutcome {
  /** Open sync issues once nothing more could be done; an empty list means all in step. */
  issues: IssueRecord[]
  /** Roots held because their folder is missing, unreadable or not the one that was synced. */
  held: Array<{ rootId: string; localPath: string; reason: string }>
  /** Why work stopped early (signed out, offline), if it did. */
  stall: Stall | null
}

const pausedKey = 'paused'
const changeIntervalMs = 100
/** How often `run --once` looks again while files settle. */
const settleCheckMs = 500

export class SyncEngine {
  readonly progress: ProgressHub
  readonly index: SyncIndex
  private readonly roots = new Map<string, RootSync>()
  private readonly controllers = new Map<string, AbortController>()
  private readonly listeners = new Set<() => void>()
  private readonly worker: QueueWorker
  private readonly rootDeps: RootSyncDeps
  private readonly now: () => number
  private readonly settings: () => Settings
  private progressNow: ProgressSnapshot = {
    transfers: [],
    overall: { bytesDone: 0, bytesTotal: 0, rate: 0, etaSeconds: null },
  }
  private readonly limits: TransferLimits
  private stall: Stall | null = null
  /** Why work is held for now without anyone pausing it (the computer is going to sleep...). */
  private heldFor: string | null = null
  private changeTimer: NodeJS.Timeout | null = null

  constructor(private readonly deps: EngineDeps) {
    this.index = deps.index
    this.now = deps.now ?? Date.now
    // Activity is kept for 30 days; older rows go at every start.
    deps.index.activity.prune()
    this.settings = deps.settings ?? (() => defaultSettings)
    const settings = this.settings()
    const limits = (this.limits = new TransferLimits({
      partsPerFile: settings.partsPerFile,
      partsOverall: settings.partsOverall,
      uploadBytesPerSecond: settings.uploadBytesPerSecond,
      downloadBytesPerSecond: settings.downloadBytesPerSecond,
    }))
    this.progress = new ProgressHub((snapshot) => {
      this.progressNow = snapshot
      this.changed()
    })
    const execute: ExecuteDeps = {
      index: deps.index,
      client: deps.client,
      now: this.now,
      uploader: new Uploader({
        client: deps.client,
        journal: deps.index.journal,
        limits,
        progress: this.progress,
      }),
      downloader: new Downloader({
        client: deps.client,
        http: deps.http ?? createHttp(),
        limits,
        progress: this.progress,
      }),
    }
    this.rootDeps = {
      ...execute,
      platform: deps.platform ?? process.platform,
      walkBudget: new WalkBudget(),
      ignorePatterns: () => this.settings().ignorePatterns,
    }
    for (const root of deps.index.roots.list())
      this.roots.set(root.id, new RootSync(this.rootDeps, root))
    this.worker = new QueueWorker({
      ...execute,
      filesAtOnce: () => this.settings().filesAtOnce,
      active: (rootId) => this.active(rootId),
      onStall: (stall) => {
        this.stall = stall
        this.changed()
      },
      onChange: () => this.changed(),
      onSettled: (rootId, lookAgain) => this.roots.get(rootId)?.requestPlan(lookAgain),
    })
  }

  // ---- roots

  listRoots(): RootRecord[] {
    return [...this.roots.values()].map((sync) => sync.root)
  }

  /** A root by id or by its local folder. */
  findRoot(idOrPath: string): RootRecord | null {
    for (const { root } of this.roots.values()) {
      if (root.id === idOrPath || root.localPath === idOrPath) return root
    }
    return null
  }

  async addRoot(request: NewRootRequest): Promise<RootRecord> {
    const root = await addRoot(
      { index: this.index, client: this.deps.client, settings: this.settings() },
      request,
    )
    this.roots.set(root.id, new RootSync(this.rootDeps, root))
    this.changed()
    return root
  }

  /** Stops syncing a root; nothing is deleted on either side, only what the index knew. */
  removeRoot(rootId: string): void {
    this.controllers.get(rootId)?.abort(new Error('The folder was removed from sync.'))
    this.controllers.delete(rootId)
    this.index.roots.remove(rootId)
    this.roots.delete(rootId)
    this.changed()
  }

  updateRoot(rootId: string, patch: Pick<Partial<RootRecord>, 'mode' | 'readyAfterSeconds'>): void {
    const sync = this.roots.get(rootId)
    if (!sync) throw new Error(`No synced folder has the id ${rootId}.`)
    sync.root = this.index.roots.update(rootId, patch) ?? sync.root
    sync.requestPlan()
    this.changed()
  }

  /** Applies changed settings that matter while running (bandwidth limits). */
  settingsChanged(): void {
    const settings = this.settings()
    this.limits.setBandwidth(settings.uploadBytesPerSecond, settings.downloadBytesPerSecond)
  }

  // ---- pause

  get pausedAll(): boolean {
    return this.index.meta.get(pausedKey) === 'true'
  }

  /** Pauses one root, or everything; in-flight transfers stop within a second. The pause persists. */
  pause(rootId?: string): void {
    if (rootId === undefined) this.index.meta.set(pausedKey, 'true')
    else this.setRootPaused(rootId, true)
    for (const [id, controller] of this.controllers) {
      if (rootId === undefined || id === rootId) controller.abort(new Error('Paused.'))
    }
    if (rootId === undefined) this.controllers.clear()
    else this.controllers.delete(rootId)
    this.changed()
  }

  resume(rootId?: string): void {
    if (rootId === undefined) this.index.meta.set(pausedKey, 'false')
    else this.setRootPaused(rootId, false)
    this.planAll()
    this.stall = null
    this.changed()
  }

  /**
   * Stops all work for now without recording a pause (the computer is going to sleep, the app is
   * quitting): in-flight transfers are aborted and nothing new starts until `release()`.
   */
  hold(reason: string): void {
    this.heldFor = reason
    for (const controller of this.controllers.values()) controller.abort(new Error(reason))
    this.controllers.clear()
    this.changed()
  }

  release(): void {
    this.heldFor = null
    this.planAll()
    this.stall = null
    this.changed()
  }

  private planAll(): void {
    for (const sync of this.roots.values()) sync.requestPlan()
  }

  private setRootPaused(rootId: string, paused: boolean): void {
    const sync = this.roots.get(rootId)
    if (!sync) throw new Error(`No synced folder has the id ${rootId}.`)
    sync.root = this.index.roots.update(rootId, { paused, pauseReason: null }) ?? sync.root
  }

  /** A root whose transfers may run now, with the signal that stops them. */
  active(rootId: string): { root: RootRecord; signal: AbortSignal } | null {
    const sync = this.roots.get(rootId)
    if (!sync || sync.root.paused || this.pausedAll || sync.unavailable || this.heldFor) return null
    return { root: sync.root, signal: this.signalFor(rootId) }
  }

  /** The signal that pausing or removing the root aborts. */
  private signalFor(rootId: string): AbortSignal {
    let controller = this.controllers.get(rootId)
    if (!controller) {
      controller = new AbortController()
      this.controllers.set(rootId, controller)
    }
    return controller.signal
  }

  // ---- work

  /** One pass of every active root: look at what was asked for, plan, queue. */
  async passAll(local: LocalLook, walkRemote: boolean): Promise<void> {
    for (const sync of this.roots.values()) await this.passRoot(sync.root.id, local, walkRemote)
  }

  /**
   * A pass of one root; a root held for its folder is looked at again, to see it come back.
   * Answers whether the pass ran to the end (not paused, held or aborted on the way).
   */
  async passRoot(rootId: string, local: LocalLook, walkRemote: boolean): Promise<boolean> {
    const sync = this.roots.get(rootId)
    if (!sync || sync.root.paused || this.pausedAll || this.heldFor) return false
    const signal = this.signalFor(rootId)
    try {
      await sync.pass(local, walkRemote, signal)
    } catch (error) {
      if (!signal.aborted) throw error
      return false
    } finally {
      this.changed()
    }
    return true
  }

  /** Why work stopped for everything (signed out, offline, held), or null. */
  get stalled(): Stall | null {
    return this.heldFor ? { kind: 'held', message: this.heldFor } : this.stall
  }

  /** Runs due transfers until none is left or work stalls. */
  drain(): Promise<number> {
    return this.worker.drain()
  }

  /**
   * Syncs until nothing is left to do: passes and transfers repeat while they make progress or
   * files are still settling. Items waiting out a backoff are left for later and reported.
   */
  async runOnce(): Promise<RunOnceOutcome> {
    this.stall = null
    let local: LocalLook = { kind: 'full' }
    for (;;) {
      await this.passAll(local, true)
      const ran = await this.drain()
      if (this.stall) break
      const settling = [...this.roots.values()].some(
        (sync) => this.active(sync.root.id) && sync.settling.length > 0,
      )
      if (ran === 0 && !settling) break
      if (ran === 0) await sleep(settleCheckMs)
      local = { kind: 'paths', paths: new Set() }
    }
    const held = [...this.roots.values()].flatMap((sync) =>
      sync.unavailable
        ? [{ rootId: sync.root.id, localPath: sync.root.localPath, reason: sync.unavailable }]
        : [],
    )
    return { issues: this.index.issues.list(), held, stall: this.stall }
  }

  /** Moves an issue's file to the front of the queue, to be tried again now. */
  retryIssue(issueId: number): void {
    const issue = this.index.issues.get(issueId)
    if (!issue) throw new Error(`There is no sync issue ${issueId}.`)
    if (!this.index.queue.retryNow(issue.rootId, issue.path, priorities.interactive)) {
      // Not a failed transfer but a finding of the plan: look again from scratch.
      this.index.issues.resolve(issue.rootId, issue.path, issue.problem)
    }
    this.roots.get(issue.rootId)?.requestPlan()
    this.changed()
  }

  ignoreIssue(issueId: number): void {
    if (!this.index.issues.ignore(issueId)) throw new Error(`There is no sync issue ${issueId}.`)
    this.changed()
  }

  /** Stops everything in flight (used on quit); the queue and journal survive for next time. */
  async stop(): Promise<void> {
    for (const controller of this.controllers.values()) controller.abort(new Error('Stopping.'))
    this.controllers.clear()
    if (this.changeTimer) clearTimeout(this.changeTimer)
    this.changeTimer = null
  }

  // ---- what it shows

  snapshot(): EngineSnapshot {
    return snapshotOf(
      this.index,
      this.roots.values(),
      this.progressNow,
      this.pausedAll,
      this.stalled,
      this.now(),
    )
  }

  /** When the next settling file may become ready (epoch ms), or null when none is settling. */
  nextSettleAt(): number | null {
    let next: number | null = null
    for (const sync of this.roots.values()) {
      for (const file of sync.settling)
        next = next === null ? file.readyAt : Math.min(next, file.readyAt)
    }
    return next
  }

  /** Told when the snapshot may have changed, at most ten times a second. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private changed(): void {
    if (this.changeTimer) return
    this.changeTimer = setTimeout(() => {
      this.changeTimer = null
      for (const listener of this.listeners) listener()
    }, changeIntervalMs)
    this.changeTimer.unref()
  }
}
