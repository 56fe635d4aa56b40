// The engine's state as the windows and the CLI see it: each root's status and counts, the
// transfers in flight, the files settling and the open sync issues.
import { type AppState, type SyncRoot, countOf } from '../../shared'
import type { IssueRecord, SyncIndex } from '../sync-index'
import type { ProgressSnapshot } from '../transfer'
import { splitTransferKey } from './paths'
import type { RootSync } from './root-sync'
import type { Stall } from './worker'

export type EngineSnapshot = Pick<
  AppState,
  'paused' | 'roots' | 'transfers' | 'settling' | 'issues'
>

function rootStatus(
  sync: RootSync,
  counts: SyncRoot['counts'],
  moving: number,
  pausedAll: boolean,
  stall: Stall | null,
): Pick<SyncRoot, 'status' | 'statusReason'> {
  const { root } = sync
  if (root.paused || pausedAll) return { status: 'paused', statusReason: root.pauseReason }
  if (stall?.kind === 'held') return { status: 'paused', statusReason: stall.message }
  if (sync.unavailable) return { status: 'attention', statusReason: sync.unavailable }
  if (stall?.kind === 'signed-out') return { status: 'attention', statusReason: stall.message }
  if (stall?.kind === 'offline' || sync.remoteProblem) {
    return {
      status: 'offline',
      statusReason: stall?.message ?? sync.remoteProblem?.message ?? null,
    }
  }
  if (moving > 0 || counts.queued > 0) {
    return { status: 'syncing', statusReason: `Syncing ${countOf(counts.queued, 'file')}` }
  }
  if (counts.issues > 0) {
    return {
      status: 'attention',
      statusReason: `${countOf(counts.issues, 'file needs', 'files need')} attention`,
    }
  }
  if (counts.settling > 0) {
    return {
      status: 'idle',
      statusReason: `Waiting for ${countOf(counts.settling, 'file')} to settle`,
    }
  }
  return { status: 'idle', statusReason: null }
}

function issueView(issue: IssueRecord): AppState['issues'][number] {
  return {
    id: String(issue.id),
    rootId: issue.rootId,
    path: issue.path,
    problem: issue.problem,
    reason: issue.message,
    at: new Date(issue.lastAt).toISOString(),
  }
}

export function snapshotOf(
  index: SyncIndex,
  roots: Iterable<RootSync>,
  progress: ProgressSnapshot,
  pausedAll: boolean,
  stall: Stall | null,
  now: number,
): EngineSnapshot {
  const transfers = progress.transfers.map((transfer) => {
    const { rootId, path } = splitTransferKey(transfer.id)
    return {
      id: transfer.id,
      rootId,
      path,
      direction: transfer.direction,
      bytesDone: Math.max(0, Math.round(transfer.bytesDone)),
      bytesTotal: transfer.bytesTotal,
      bytesPerSecond: Math.max(0, transfer.rate),
      etaSeconds: transfer.etaSeconds === null ? null : Math.max(0, transfer.etaSeconds),
    }
  })
  const views: SyncRoot[] = []
  const settling: AppState['settling'] = []
  for (const sync of roots) {
    const { root } = sync
    const counts = {
      queued: index.queue.countDue(root.id, now),
      settling: sync.settling.length,
      issues: index.issues.count(root.id),
    }
    const moving = transfers.filter((transfer) => transfer.rootId === root.id).length
    views.push({
      id: root.id,
      localPath: root.localPath,
      projectId: root.projectId,
      projectName: root.projectName,
      mode: root.mode,
      readyAfterSeconds: root.readyAfterSeconds,
      counts,
      ...rootStatus(sync, counts, moving, pausedAll, stall),
    })
    settling.push(...sync.settling.map((file) => ({ rootId: root.id, ...file })))
  }
  return {
    paused: pausedAll,
    roots: views,
    transfers,
    settling,
    issues: index.issues.list().map(issueView),
  }
}
