// The queue worker: runs due transfers from the persistent queue, lowest priority band first (so
// parent folders exist before what goes in them), a few files at a time, and turns every failure
// into a visible sync issue with a backoff, except the ones that are not the file's fault.
import pLimit from 'p-limit'
import { FrameioError, isFrameioError } from '../frameio'
import type { Action } from '../plan'
import type { RootRecord, SyncIndex } from '../sync-index'
import { TransferError } from '../transfer'
import { type ExecuteDeps, ParentNotReady, transfer } from './execute'

/** Why the whole engine stopped working through the queue (not one file's problem). */
export type Stall = { kind: 'signed-out' | 'offline' | 'held'; message: string }

export interface WorkerDeps extends ExecuteDeps {
  filesAtOnce: () => number
  /** The root if its transfers may run now, with the signal that stops them; else null. */
  active: (rootId: string) => { root: RootRecord; signal: AbortSignal } | null
  onStall: (stall: Stall) => void
  onChange: () => void
  /**
   * A transfer of this root ended (either way): its next pass must plan again, looking first at
   * `lookAgain` when the file changed under the transfer (the index still has it as it was).
   */
  onSettled: (rootId: string, lookAgain?: string) => void
}

const batchLimit = 256

function settlesAgain(error: TransferError): boolean {
  return error.problem === 'changed-while-uploading' || error.problem === 'vanished'
}

/** Messages kept in the index are short enough to read in a list. */
function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

export class QueueWorker {
  constructor(private readonly deps: WorkerDeps) {}

  private get index(): SyncIndex {
    return this.deps.index
  }

  /** Runs every due item of active roots; answers how many ran. */
  async drain(): Promise<number> {
    let ran = 0
    const skipped = new Set<string>()
    for (;;) {
      const due = this.index.queue
        .due(this.deps.now(), batchLimit)
        .filter((work) => !skipped.has(`${work.rootId}/${work.path}`))
      const runnable = due.filter((work) => this.deps.active(work.rootId))
      if (runnable.length === 0) return ran
      const band = runnable[0]!.priority
      const batch = runnable.filter((work) => work.priority === band)
      const limit = pLimit(this.deps.filesAtOnce())
      const outcomes = await Promise.all(
        batch.map((work) => limit(() => this.run(work.rootId, work.path, work.action as Action))),
      )
      for (const [i, outcome] of outcomes.entries()) {
        const work = batch[i]!
        if (outcome === 'stalled') return ran
        if (outcome === 'skipped') skipped.add(`${work.rootId}/${work.path}`)
        else ran += 1
      }
    }
  }

  private async run(
    rootId: string,
    path: string,
    action: Action,
  ): Promise<'done' | 'failed' | 'skipped' | 'stalled'> {
    const active = this.deps.active(rootId)
    if (!active) return 'skipped'
    const { root, signal } = active
    try {
      await transfer(this.deps, root, action, signal)
      this.index.transaction(() => {
        this.index.queue.done(rootId, path)
        for (const issue of this.index.issues.list({ rootId })) {
          if (issue.path === path && issue.problem !== 'conflict') {
            this.index.issues.resolve(rootId, path, issue.problem)
          }
        }
      })
      this.deps.onSettled(rootId)
      this.deps.onChange()
      return 'done'
    } catch (error) {
      if (signal.aborted) return 'skipped'
      if (error instanceof ParentNotReady) return 'skipped'
      if (error instanceof TransferError && settlesAgain(error)) {
        // Not a failure of the file: it changed or went away. It settles again (or the next scan
        // finds it gone) and is planned afresh, with no backoff and no issue.
        this.index.transaction(() => {
          this.index.queue.done(rootId, path)
          this.index.localFiles.restartSettling(rootId, path, this.deps.now())
        })
        this.deps.onSettled(rootId, path)
        this.deps.onChange()
        return 'done'
      }
      if (isFrameioError(error, 'sign-in-required') || isFrameioError(error, 'unauthorized')) {
        this.deps.onStall({ kind: 'signed-out', message: describe(error) })
        return 'stalled'
      }
      if (isFrameioError(error, 'network')) {
        this.deps.onStall({ kind: 'offline', message: describe(error) })
        return 'stalled'
      }
      this.fail(rootId, path, error)
      this.deps.onSettled(rootId)
      this.deps.onChange()
      return 'failed'
    }
  }

  private fail(rootId: string, path: string, error: unknown): void {
    const now = this.deps.now()
    const problem =
      error instanceof TransferError
        ? error.problem
        : error instanceof FrameioError
          ? `frameio-${error.kind}`
          : 'failed'
    this.index.transaction(() => {
      this.index.queue.fail(rootId, path, describe(error), now)
      const retryAt = this.index.queue.get(rootId, path)?.nextAttemptAt ?? null
      this.index.issues.record(rootId, path, problem, describe(error), retryAt ?? undefined)
    })
  }
}
