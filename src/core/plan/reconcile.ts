// The reconciler: one synced root's index entries, local scan and remote walk in, the actions that
// bring it into step out. Pure and deterministic; each path is decided on its own from Map lookups.
import type { Action, PlanInput } from './facts'
import type { IssueAction } from './issues'
import { decideKnownPath } from './known-path'
import { decideNewPath } from './new-path'
import { orderActions, type PlannedAction } from './order'
import { placeRemoteFacts } from './placement'

export function reconcile(input: PlanInput): Action[] {
  const remote = placeRemoteFacts(input.remote)
  const entries = byPath(input.entries)
  const locals = byPath(input.local)
  const linkedRemoteIds = new Set(input.entries.map((entry) => entry.remoteId))
  const uploading = input.uploading ?? new Set<string>()

  const planned: PlannedAction[] = []
  const issues: IssueAction[] = [...remote.issues]
  const decide = (path: string): void => {
    const entry = entries.get(path)
    const local = locals.get(path)
    const remoteFact = remote.byPath.get(path)
    const action = entry
      ? decideKnownPath(entry, local, remoteFact, remote.byId)
      : decideNewPath(input.mode, local, remoteFact, linkedRemoteIds, uploading.has(path))
    const kind = entry?.kind ?? local?.kind ?? remoteFact?.kind
    if (action?.type === 'issue') issues.push(action)
    else if (action && kind) planned.push({ action, kind })
  }
  for (const path of entries.keys()) decide(path)
  for (const path of locals.keys()) if (!entries.has(path)) decide(path)
  for (const path of remote.byPath.keys()) {
    if (!entries.has(path) && !locals.has(path)) decide(path)
  }
  return orderActions(planned, issues)
}

/** Index and scan paths are unique by construction; should one repeat, the first is used. */
function byPath<T extends { path: string }>(items: readonly T[]): Map<string, T> {
  const map = new Map<string, T>()
  for (const item of items) if (!map.has(item.path)) map.set(item.path, item)
  return map
}
