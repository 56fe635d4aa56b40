// The sync issues the reconciler raises, each with a message a person can act on: which path,
// what is wrong, and what to do about it.
import type { Action, IssueProblem, Kind, RemoteFact } from './facts'

export type IssueAction = Extract<Action, { type: 'issue' }>

function issue(path: string, problem: IssueProblem, message: string): IssueAction {
  return { type: 'issue', path, problem, message }
}

export function duplicateIssue(remote: RemoteFact): IssueAction {
  return issue(
    remote.path,
    'duplicate',
    `"${remote.path}" exists more than once in Frame.io; only the first one is synced. ` +
      'Rename or remove the others in Frame.io to sync them.',
  )
}

export function refusedNameIssue(remote: RemoteFact, reason: string): IssueAction {
  return issue(
    remote.path,
    'refused-name',
    `The Frame.io item "${remote.name}" cannot be synced to "${remote.path}": ` +
      `${reason.replace(/\.$/, '')}. Rename it in Frame.io to sync it.`,
  )
}

export function conflictIssue(path: string): IssueAction {
  return issue(
    path,
    'conflict',
    `"${path}" exists on both sides with different content, so neither copy is transferred. ` +
      'Rename or remove one of them.',
  )
}

export function kindConflictIssue(path: string, localKind: Kind, remoteKind: Kind): IssueAction {
  return issue(
    path,
    'kind-conflict',
    `"${path}" is a ${localKind} here but a ${remoteKind} in Frame.io. ` +
      'Rename or remove one of them.',
  )
}

export function editedLocalIssue(path: string): IssueAction {
  return issue(
    path,
    'edited-local',
    `"${path}" was changed here after it was synced. Edited files are not uploaded over the ` +
      'Frame.io copy yet; save it under a new name to upload it as a new file.',
  )
}

export function emptyFileIssue(path: string): IssueAction {
  return issue(
    path,
    'empty-file',
    `"${path}" is empty, and Frame.io does not take empty files. It is uploaded once it has ` +
      'content.',
  )
}

export function replacedRemoteIssue(path: string): IssueAction {
  return issue(
    path,
    'replaced-remote',
    `"${path}" in Frame.io is now a different item from the one synced here, so nothing is ` +
      'downloaded over the local copy. Rename one of them to sync both.',
  )
}
