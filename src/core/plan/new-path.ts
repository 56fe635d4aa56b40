// Deciding a path the index has no entry for: something new on one side is transferred (as the
// mode allows), and the same name on both sides is linked, compared or reported, never overwritten.
import type { Action, LocalFact, RemoteFact, SyncMode } from './facts'
import { conflictIssue, emptyFileIssue, kindConflictIssue } from './issues'

export function decideNewPath(
  mode: SyncMode,
  local: LocalFact | undefined,
  remote: RemoteFact | undefined,
  linkedRemoteIds: ReadonlySet<string>,
  interruptedUpload = false,
): Action | null {
  if (local && remote && interruptedUpload && mode !== 'download-only') {
    // Most likely our own placeholder from an upload cut short: resuming it is the only way to
    // finish it, or to find it spoilt and delete it. The uploader never makes a second file.
    if (local.kind === 'file' && remote.kind === 'file') return decideNewLocal(local)
  }
  if (local && remote) return decideMeeting(local, remote)
  if (local) return mode === 'download-only' ? null : decideNewLocal(local)
  if (remote) {
    // An item the index already knows under another path was renamed or moved in Frame.io: that
    // entry follows it; here it is not new.
    if (mode === 'upload-only' || linkedRemoteIds.has(remote.id)) return null
    return decideNewRemote(remote)
  }
  return null
}

function decideNewLocal(local: LocalFact): Action | null {
  if (local.kind === 'folder') return { type: 'create-remote-folder', path: local.path, local }
  if (!local.ready) return null
  // Said here rather than left to fail as an upload: a failure waits out a backoff even after the
  // file gets its content, while this finding goes the moment it does.
  if (local.size === 0) return emptyFileIssue(local.path)
  return { type: 'upload', path: local.path, local }
}

function decideNewRemote(remote: RemoteFact): Action | null {
  if (remote.kind === 'folder') return { type: 'create-local-folder', path: remote.path, remote }
  return remote.ready ? { type: 'download', path: remote.path, remote } : null
}

/** Both sides have the name and the index has not linked them: in every mode, nothing is copied. */
function decideMeeting(local: LocalFact, remote: RemoteFact): Action | null {
  const path = local.path
  if (local.kind !== remote.kind) return kindConflictIssue(path, local.kind, remote.kind)
  if (local.kind === 'folder') return { type: 'link', path, local, remote }
  // A settling local file may still grow, and an incomplete upload has no bytes to compare yet.
  if (!local.ready || !remote.ready) return null
  if (local.size !== remote.size) return conflictIssue(path)
  return { type: 'compare', path, local, remote }
}
