// Desktop notifications about syncing: finished batches of transfers, new sync issues and an
// expired sign-in; coalesced, at most one per kind every ten seconds, as much as the person chose.
import type { EngineSnapshot } from '../core/engine'
import type { ActivityRecord, ActivityRepo } from '../core/sync-index'
import type { Settings } from '../shared'
import { Coalescer } from './coalescer'
import { type TransferBatch, issuesText, signInText, transfersText } from './notification-text'

export type NotificationLevel = Settings['notificationLevel']
type Kind = 'transfers' | 'issues' | 'sign-in'

const shownAt: Record<NotificationLevel, ReadonlySet<Kind>> = {
  all: new Set(['transfers', 'issues', 'sign-in']),
  issues: new Set(['issues', 'sign-in']),
  none: new Set(),
}

/** What the notifier reads from the engine (a SyncEngine fits). */
export interface NotifierEngine {
  onChange(listener: () => void): () => void
  snapshot(): Pick<EngineSnapshot, 'roots' | 'issues'>
  readonly index: { readonly activity: Pick<ActivityRepo, 'list'> }
}

export interface NotifierOptions {
  engine: NotifierEngine
  show: (title: string, body: string) => void
  /** The notificationLevel setting, read each time, so a change applies at once. */
  level: () => NotificationLevel
  /** How long nothing new must happen before what gathered is shown. */
  quietMs?: number
  /** Fewest milliseconds between two notifications of one kind. */
  minGapMs?: number
  /** The longest a batch waits for its folders to stop syncing. */
  maxBatchMs?: number
}

type IssueView = EngineSnapshot['issues'][number]

/** New activity looked at per change; more than this in a tenth of a second is not counted. */
const activityPerLook = 1000
const transferKinds = new Set<ActivityRecord['kind']>(['uploaded', 'downloaded'])

export class Notifier {
  private readonly transfers: Coalescer<ActivityRecord>
  private readonly issues: Coalescer<IssueView>
  private readonly stopFollowing: () => void
  private lastActivityId: number
  private lastActivityAt: number
  private knownIssues: Set<string>
  private signInShown = false

  constructor(private readonly options: NotifierOptions) {
    const { engine } = options
    const quietMs = options.quietMs ?? 4_000
    const minGapMs = options.minGapMs ?? 10_000
    this.transfers = new Coalescer({
      quietMs,
      minGapMs,
      maxWaitMs: options.maxBatchMs ?? 5 * 60_000,
      busy: (items) => this.syncing(items),
      deliver: (items) => this.showTransfers(items),
    })
    this.issues = new Coalescer({ quietMs, minGapMs, deliver: (items) => this.showIssues(items) })
    const [newest] = engine.index.activity.list({ since: 0, limit: 1 })
    this.lastActivityId = newest?.id ?? 0
    this.lastActivityAt = newest?.at ?? 0
    this.knownIssues = new Set(engine.snapshot().issues.map((issue) => issue.id))
    this.stopFollowing = engine.onChange(() => this.look())
  }

  /** Syncing stopped because Frame.io wants a new sign-in: said once until `signedIn()`. */
  signInExpired(): void {
    if (this.signInShown) return
    this.signInShown = true
    if (this.allows('sign-in')) this.options.show(signInText.title, signInText.body)
  }

  signedIn(): void {
    this.signInShown = false
  }

  dispose(): void {
    this.stopFollowing()
    this.transfers.dispose()
    this.issues.dispose()
  }

  private allows(kind: Kind): boolean {
    return shownAt[this.options.level()].has(kind)
  }

  private look(): void {
    const { engine } = this.options
    const fresh = engine.index.activity
      .list({ since: this.lastActivityAt, limit: activityPerLook })
      .filter((item) => item.id > this.lastActivityId)
      .reverse()
    for (const item of fresh) {
      this.lastActivityId = Math.max(this.lastActivityId, item.id)
      this.lastActivityAt = Math.max(this.lastActivityAt, item.at)
    }
    if (this.allows('transfers')) {
      this.transfers.add(fresh.filter((item) => transferKinds.has(item.kind)))
    }
    const issues = engine.snapshot().issues
    const added = issues.filter((issue) => !this.knownIssues.has(issue.id))
    this.knownIssues = new Set(issues.map((issue) => issue.id))
    if (this.allows('issues')) this.issues.add(added)
  }

  /** Whether a folder in the batch is still moving files, so the batch is not finished yet. */
  private syncing(items: readonly ActivityRecord[]): boolean {
    const rootIds = new Set(items.map((item) => item.rootId))
    return this.options.engine
      .snapshot()
      .roots.some((root) => rootIds.has(root.id) && root.status === 'syncing')
  }

  private projectNames(): (rootId: string) => string {
    const { roots } = this.options.engine.snapshot()
    const names = new Map(roots.map((root) => [root.id, root.projectName]))
    return (rootId) => names.get(rootId) ?? 'Frame.io'
  }

  private showTransfers(items: readonly ActivityRecord[]): void {
    if (!this.allows('transfers')) return
    const projectOf = this.projectNames()
    const batches = new Map<string, TransferBatch & { seen: Set<string> }>()
    for (const item of items) {
      const direction = item.kind === 'uploaded' ? 'uploaded' : 'downloaded'
      const key = `${item.rootId}\n${direction}`
      let batch = batches.get(key)
      if (!batch) {
        batch = { projectName: projectOf(item.rootId), direction, paths: [], seen: new Set() }
        batches.set(key, batch)
      }
      // A file sent twice in one batch (saved again) is still one file.
      if (!batch.seen.has(item.path)) batch.paths.push(item.path)
      batch.seen.add(item.path)
    }
    const text = transfersText([...batches.values()])
    this.options.show(text.title, text.body)
  }

  private showIssues(items: readonly IssueView[]): void {
    if (!this.allows('issues')) return
    const open = new Set(this.options.engine.snapshot().issues.map((issue) => issue.id))
    const projectOf = this.projectNames()
    const still = items.filter((issue) => open.has(issue.id))
    if (still.length === 0) return
    const text = issuesText(
      still.map((issue) => ({
        projectName: projectOf(issue.rootId),
        path: issue.path,
        reason: issue.reason,
      })),
    )
    this.options.show(text.title, text.body)
  }
}
