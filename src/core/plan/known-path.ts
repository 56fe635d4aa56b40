// Deciding a path the index remembers: a synced pair is kept in step by id (touches refreshed,
// edits and replacements reported, renames in Frame.io followed, deletions remembered), and a
// remembered deletion keeps its name from being transferred again.
import type { Action, Entry, LocalFact, RemoteFact } from './facts'
import { editedLocalIssue, kindConflictIssue, replacedRemoteIssue } from './issues'

export function decideKnownPath(
  entry: Entry,
  local: LocalFact | undefined,
  remote: RemoteFact | undefined,
  remoteById: ReadonlyMap<string, RemoteFact>,
): Action | null {
  const path = entry.path
  if (entry.state !== 'synced') {
    // Kept while anything of it is around, so that nothing comes back under this name (or, for
    // an item moved in Frame.io, under its new one).
    const anythingLeft = local || remote || remoteById.has(entry.remoteId)
    return anythingLeft ? null : { type: 'forget', path }
  }
  const movedRemote = remoteById.get(entry.remoteId)
  const movedElsewhere = movedRemote && movedRemote.path !== path ? movedRemote : undefined
  if (local) {
    if (remote?.id === entry.remoteId) return decideSyncedPair(entry, local, remote)
    // A synced folder whose Frame.io folder was deleted and made again under the same name: a
    // folder holds no bytes of its own, so the local one follows the new one.
    if (remote && entry.kind === 'folder' && local.kind === 'folder' && remote.kind === 'folder') {
      if (!movedElsewhere) return { type: 'link', path, local, remote }
    }
    if (remote) return replacedRemoteIssue(path)
    if (movedElsewhere) return { type: 'follow-remote', path, remote: movedElsewhere }
    return { type: 'remember-deletion', path, side: 'remote' }
  }
  if (remote || movedElsewhere) return { type: 'remember-deletion', path, side: 'local' }
  return { type: 'forget', path }
}

/** Both sides still hold the synced item: only the local copy can have changed under us. */
function decideSyncedPair(entry: Entry, local: LocalFact, remote: RemoteFact): Action | null {
  const path = entry.path
  if (local.kind !== remote.kind) return kindConflictIssue(path, local.kind, remote.kind)
  if (local.kind === 'folder') return null
  if (local.size === entry.size && local.mtimeMs === entry.mtimeMs) return null
  if (local.xxh64 !== null && local.xxh64 === entry.xxh64) {
    return { type: 'refresh-local', path, local }
  }
  return local.ready ? editedLocalIssue(path) : null
}
