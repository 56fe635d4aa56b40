// One synced root's pass: check the folder is still the one we synced, look at both sides,
// decide with the pure reconciler, write down what needs no transfer and queue what does.
// Nothing is decided from a partial view: no plan without a complete remote walk, and folders
// the scan could not read keep what was known under them.
import type { FrameioError } from '../frameio'
import { type IgnoreRules, checkRoot, createIgnoreRules, toLocalName } from '../local'
import { type Action, type IssueProblem, reconcile, refuseCaseClashes } from '../plan'
import { RemoteWalker, type WalkBudget } from '../remote'
import type { RootRecord, SyncIndex } from '../sync-index'
import { type ExecuteDeps, isTransfer, remember } from './execute'
import { type SettlingFile, hashTouched, localView, restat, scanLocal } from './local-state'
import { depthOf, transferKey } from './paths'

export interface RootSyncDeps extends ExecuteDeps {
  platform: NodeJS.Platform
  walkBudget: WalkBudget
  ignorePatterns: () => string[]
}

export type LocalLook = { kind: 'full' } | { kind: 'paths'; paths: Set<string> } | { kind: 'none' }

/** Problems the reconciler reports; they are re-derived on every pass, so stale ones go. */
const plannedProblems: readonly IssueProblem[] = [
  'conflict',
  'duplicate',
  'refused-name',
  'edited-local',
  'replaced-remote',
  'kind-conflict',
  'empty-file',
]

/** Queue priorities: lower runs first. Folders by depth, so parents exist before children. */
export const priorities = { interactive: 0, folder: 100, file: 1_000 } as const

export function priorityOf(action: Action): number {
  if (action.type === 'create-remote-folder' || action.type === 'create-local-folder') {
    return priorities.folder + depthOf(action.path)
  }
  return priorities.file
}

function sizeOf(action: Action): number {
  if (action.type === 'upload') return action.local.size
  if (action.type === 'download' || action.type === 'compare') return action.remote.size
  return 0
}

export class RootSync {
  /** Set when the last remote walk failed, with the error; planning waits for a complete one. */
  remoteProblem: FrameioError | Error | null = null
  settling: SettlingFile[] = []
  private ignore: IgnoreRules | null = null
  private walkedOnce = false
  /** Set when something outside a pass changed what a plan would say (a transfer ended...). */
  private planNeeded = true
  /** Paths to look at on the next pass whatever the watcher says: they changed under a transfer. */
  private readonly lookAgain = new Set<string>()

  constructor(
    private readonly deps: RootSyncDeps,
    public root: RootRecord,
  ) {}

  /**
   * Why the folder cannot be synced right now (missing, unreadable, marker gone), or null. Kept in
   * the index as the pause reason of a root the person did not pause, so every process sees it.
   */
  get unavailable(): string | null {
    return this.root.paused ? null : this.root.pauseReason
  }

  /** The next pass plans even if neither side looks changed, after a look at `path` if given. */
  requestPlan(path?: string): void {
    this.planNeeded = true
    if (path !== undefined) this.lookAgain.add(path)
  }

  private get index(): SyncIndex {
    return this.deps.index
  }

  /** Looks at what was asked for, then plans (once a remote walk has completed). */
  async pass(local: LocalLook, walkRemote: boolean, signal?: AbortSignal): Promise<void> {
    const { index, now } = this.deps
    const check = await checkRoot(this.root.localPath, this.root.id)
    const held = check.ok ? null : check.reason
    if (held !== this.unavailable) {
      this.root = index.roots.update(this.root.id, { pauseReason: held }) ?? this.root
    }
    if (!check.ok) return
    if (local.kind === 'full' || !this.ignore) {
      this.ignore = await createIgnoreRules({
        rootPath: this.root.localPath,
        extraPatterns: this.deps.ignorePatterns(),
      })
    }
    const due = this.settling.filter((file) => file.readyAt <= now()).map((file) => file.path)
    let changed = this.planNeeded || due.length > 0
    const lookAgain = [...this.lookAgain]
    if (local.kind === 'full') {
      changed = (await scanLocal(index, this.root, this.ignore, now, signal)) || changed
    } else {
      const paths = new Set([...(local.kind === 'paths' ? local.paths : []), ...due, ...lookAgain])
      if (paths.size > 0)
        changed = (await restat(index, this.root, this.ignore, paths, now)) || changed
    }
    for (const path of lookAgain) this.lookAgain.delete(path)
    if (walkRemote || !this.walkedOnce) changed = (await this.walk(signal)) || changed
    // Nothing new on either side and nothing came due: the last plan still stands. This keeps an
    // idle root of 100,000 files from being re-planned every minute.
    if (!changed) return
    const view = localView(index, this.root, now())
    this.settling = view.settling
    if (!this.walkedOnce) return
    this.planNeeded = false
    const localFacts = await hashTouched(index, this.root, view.facts, signal)
    const entries = index.entries.all(this.root.id)
    const remote = index.remote.facts(this.root.id)
    const actions = reconcile({
      mode: this.root.mode,
      entries,
      local: localFacts,
      remote: this.root.caseInsensitive ? refuseCaseClashes(remote, localFacts, entries) : remote,
      uploading: new Set(index.journal.keysUnder(transferKey(this.root.id, ''))),
    })
    this.record(actions)
  }

  /** Walks the project into the index; answers whether any listing differed from before. */
  private async walk(signal?: AbortSignal): Promise<boolean> {
    const { index, client } = this.deps
    const walker = new RemoteWalker({
      client,
      accountId: this.root.accountId,
      rootFolderId: this.root.rootFolderId,
      placeName: (name) => toLocalName(name, this.deps.platform),
      budget: this.deps.walkBudget,
      ...(signal ? { signal } : {}),
    })
    const since = new Map(
      index.remote
        .folders(this.root.id)
        .flatMap((folder) =>
          folder.updatedAt === null ? [] : [[folder.folderId, folder.updatedAt] as const],
        ),
    )
    let changed = false
    try {
      for await (const listing of walker.walk({ since })) {
        changed =
          index.remote.replaceListing(
            this.root.id,
            listing.folderId,
            { path: listing.path, updatedAt: listing.updatedAt, depth: listing.depth },
            listing.children,
          ) || changed
      }
      this.remoteProblem = null
      this.walkedOnce = true
    } catch (error) {
      if (signal?.aborted) throw error
      this.remoteProblem = error as Error
    }
    return changed
  }

  /** Writes what needs no transfer, queues what does, and drops what is no longer planned. */
  private record(actions: Action[]): void {
    const { index } = this.deps
    const rootId = this.root.id
    const key = (path: string, problem: string) => `${path}\u0000${problem}`
    index.transaction(() => {
      const open = index.issues.list({ rootId })
      const compared = new Set(
        open.filter((issue) => issue.problem === 'conflict').map((issue) => issue.path),
      )
      const queued = new Set<string>()
      const issues = new Set<string>()
      for (const action of actions) {
        if (action.type === 'compare' && compared.has(action.path)) {
          // Compared before and found different: the conflict stands until someone acts.
          issues.add(key(action.path, 'conflict'))
        } else if (isTransfer(action)) {
          index.queue.put(rootId, action.path, action, priorityOf(action), sizeOf(action))
          queued.add(action.path)
        } else {
          remember(this.deps, this.root, action)
          if (action.type === 'issue') issues.add(key(action.path, action.problem))
        }
      }
      const dropped = new Set<string>()
      for (const work of index.queue.forRoot(rootId)) {
        if (queued.has(work.path)) continue
        index.queue.done(rootId, work.path)
        dropped.add(work.path)
      }
      for (const issue of open) {
        const planned = (plannedProblems as readonly string[]).includes(issue.problem)
        // A plan's finding that it no longer makes goes; so does the failure of a transfer that
        // is no longer planned (what it met is now reported as what it is, or is gone).
        const stale = planned
          ? !issues.has(key(issue.path, issue.problem))
          : dropped.has(issue.path) && issue.problem !== 'conflict'
        if (stale) index.issues.resolve(rootId, issue.path, issue.problem)
      }
    })
  }
}
