// The order actions are handed out in: folders first, parents before children, so every file
// finds its folder in place; then files by path; then the issues by path.
import type { Action, Kind } from './facts'
import type { IssueAction } from './issues'

export interface PlannedAction {
  action: Exclude<Action, IssueAction>
  /** The kind of item the action is about. */
  kind: Kind
}

export function orderActions(
  planned: readonly PlannedAction[],
  issues: readonly IssueAction[],
): Action[] {
  const folders = planned.filter((item) => item.kind === 'folder')
  const depths = new Map(folders.map((item) => [item.action.path, depthOf(item.action.path)]))
  const depth = (path: string): number => depths.get(path) ?? 0
  folders.sort(
    (a, b) =>
      depth(a.action.path) - depth(b.action.path) || compareCodeUnits(a.action.path, b.action.path),
  )
  const files = planned.filter((item) => item.kind === 'file')
  files.sort((a, b) => compareCodeUnits(a.action.path, b.action.path))
  // Array sort is stable: several issues on one path keep the order they were raised in.
  const sortedIssues = [...issues].sort((a, b) => compareCodeUnits(a.path, b.path))
  return [
    ...folders.map((item) => item.action),
    ...files.map((item) => item.action),
    ...sortedIssues,
  ]
}

function depthOf(path: string): number {
  let depth = 0
  for (let at = path.indexOf('/'); at !== -1; at = path.indexOf('/', at + 1)) depth++
  return depth
}

/** Locale-independent, so the same input gives the same order on every machine. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
