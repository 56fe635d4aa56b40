// Turning what a folder listing answered into the reconciler's RemoteFacts: each item under the
// root-relative, NFC-normalised path it would take locally, or refused with the reason why.
import type { RemoteFile, RemoteFolder } from '../frameio'
import type { RemoteFact } from '../plan/facts'

/** Maps a Frame.io name to a safe local name, or says why it cannot be placed. */
export type PlaceName = (remoteName: string) => { name: string } | { refused: string }

function childPath(parentPath: string, name: string): string {
  const normalised = name.normalize('NFC')
  return parentPath === '' ? normalised : `${parentPath}/${normalised}`
}

/**
 * A refused item has no local name, so its path uses the Frame.io name as it is: good enough to
 * tell a person which item it was, and never used to write anything.
 */
export function remoteFact(
  item: RemoteFile | RemoteFolder,
  parent: { folderId: string; path: string },
  placeName: PlaceName,
): RemoteFact {
  const placed = placeName(item.name)
  const common = {
    path: childPath(parent.path, 'name' in placed ? placed.name : item.name),
    id: item.id,
    parentId: parent.folderId,
    name: item.name,
    updatedAt: item.updatedAt,
    refused: 'refused' in placed ? placed.refused : null,
  }
  return item.type === 'folder'
    ? { ...common, kind: 'folder', size: 0, ready: true }
    : { ...common, kind: 'file', size: item.size, ready: item.status !== 'created' }
}
