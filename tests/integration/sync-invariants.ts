// The convergence invariants of a scenario once syncing is quiet, judged from what the test did
// (the model) and what both sides hold now; each broken one is described in a sentence.
import type { ObservedItem, ScenarioModel } from './sync-model'

export interface ReportedIssue {
  path: string
  problem: string
  reason: string
}

export interface Observed {
  /** Local files by path, with their MD5 (the state folder left out). */
  local: Map<string, string>
  /** Frame.io items in walk order. */
  remote: ObservedItem[]
  issues: ReportedIssue[]
  /** What the folder holding the root holds: only the root. */
  besideRoot: string[]
}

/** Problems that tell a person two copies differ; they excuse a path from converging. */
const differenceProblems = new Set(['conflict', 'edited-local'])

function remoteFilesAt(observed: Observed, path: string): ObservedItem[] {
  return observed.remote.filter((item) => item.type === 'file' && item.path === path)
}

/** Open issues the scenario explains; anything else (a failed transfer, say) is not quiet. */
function ancestors(path: string): string[] {
  const parts = path.split('/').slice(0, -1)
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'))
}

/**
 * Under a folder the test deleted or renamed on one side after syncing it (a folder renamed in
 * Frame.io stays linked to the local folder of the old name, so the new name holds nothing here).
 */
function inRemovedFolder(model: ScenarioModel, path: string): boolean {
  return ancestors(path).some((folder) => {
    const gone = model.paths.get(folder)
    return (
      gone?.localRemoved === true ||
      gone?.remoteRemoved === true ||
      gone?.remoteRenamedOnto === true
    )
  })
}

/**
 * Policy: a new file in a folder deleted or renamed on either side after it was synced is reported
 * rather than transferred: the folder's deletion is remembered, and a folder renamed in Frame.io
 * keeps its old name here.
 */
function inRemovedFolderAndReported(model: ScenarioModel, observed: Observed, path: string) {
  const reported = observed.issues.some(
    (issue) => issue.path === path && issue.problem === 'folder-not-synced',
  )
  return reported && inRemovedFolder(model, path)
}

export function unexpectedIssues(model: ScenarioModel, observed: Observed): ReportedIssue[] {
  return observed.issues.filter((issue) => {
    const record = model.paths.get(issue.path)
    if (differenceProblems.has(issue.problem)) return !model.contested(issue.path)
    // Two Frame.io folders can share a name as well as two files (a folder renamed onto another).
    if (issue.problem === 'duplicate') {
      return observed.remote.filter((item) => item.path === issue.path).length < 2
    }
    if (issue.problem === 'replaced-remote') {
      return !(record?.remoteRemoved || record?.remoteRenamedOnto)
    }
    if (issue.problem === 'folder-not-synced') return !inRemovedFolder(model, issue.path)
    return true
  })
}

export function violations(model: ScenarioModel, observed: Observed): string[] {
  const found: string[] = []
  if (observed.besideRoot.join(',') !== 'Synced') {
    found.push(`the folder holding the root now holds ${observed.besideRoot.join(', ')}`)
  }
  const paths = new Set([
    ...model.paths.keys(),
    ...observed.local.keys(),
    ...observed.remote.filter((item) => item.type === 'file').map((item) => item.path),
  ])
  for (const path of [...paths].sort()) found.push(...pathViolations(model, observed, path))
  found.push(...engineItemViolations(model))
  return found
}

function pathViolations(model: ScenarioModel, observed: Observed, path: string): string[] {
  const found: string[] = []
  const record = model.at(path)
  const local = observed.local.get(path)
  const remote = remoteFilesAt(observed, path)
  // Invariant 3: what the test wrote and left is there, unchanged.
  if (record.localNow !== null && local !== record.localNow) {
    found.push(
      `${path}: the test left ${record.localNow} here, but it ${local ? `holds ${local}` : 'is gone'}`,
    )
  }
  // Anything else here came from Frame.io at this path, never back after a local deletion.
  if (record.localNow === null && local !== undefined && !record.remotePlaced.has(local)) {
    found.push(
      record.localPlaced.has(local)
        ? `${path}: the test deleted it here, and ${local} came back`
        : `${path}: holds ${local}, which the test never put at this path in Frame.io`,
    )
  }
  // Invariant 1: a path no deletion or rename touched is equal on both sides, or reported.
  const touched = record.localRemoved || record.remoteRemoved || record.remoteRenamedOnto
  const placed = record.localPlaced.size + record.remotePlaced.size > 0
  if (touched || !placed || inRemovedFolderAndReported(model, observed, path)) return found
  const winner = remote[0]
  const converged = local !== undefined && winner?.md5 === local
  const reported = observed.issues.some(
    (issue) => issue.path === path && differenceProblems.has(issue.problem),
  )
  if (!converged && !(model.contested(path) && reported)) {
    const there = winner ? `Frame.io has ${winner.md5}` : 'Frame.io has nothing'
    found.push(
      `${path}: not in step and not reported: here ${local ?? 'nothing'}, ${there}` +
        (model.contested(path) ? ' (contents differed, so an issue was due)' : ''),
    )
  }
  return found
}

/** Invariant 4, and what the engine put in Frame.io came from this folder, complete. */
function engineItemViolations(model: ScenarioModel): string[] {
  const found: string[] = []
  const made = new Map<string, number>()
  for (const item of model.engineItems.values()) {
    // Once gone from both sides a path may be forgotten, and a new file there uploaded anew.
    const record = model.at(item.firstPath)
    const key = `${item.type} ${item.firstPath}`
    if (!(record.localRemoved && record.remoteRemoved)) made.set(key, (made.get(key) ?? 0) + 1)
    if (item.pathWasTaken) {
      found.push(`${item.firstPath}: the engine made a ${item.type} where Frame.io already had one`)
    }
    if (item.type !== 'file') continue
    if (item.status === 'created') {
      found.push(`${item.firstPath}: the engine left an incomplete upload (${item.id})`)
    } else if (item.md5 === null || !model.at(item.firstPath).localPlaced.has(item.md5)) {
      found.push(`${item.firstPath}: the engine uploaded ${item.md5}, never written at this path`)
    }
  }
  for (const [key, count] of made) {
    if (count > 1) found.push(`${key}: the engine made it ${count} times in Frame.io`)
  }
  return found
}
