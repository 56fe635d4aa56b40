// The reconciler's vocabulary: what the index remembers, what the local scan and the remote walk
// found, and the actions that bring one synced root into step. Paths are root-relative,
// '/'-separated and NFC-normalised: the one key both sides are compared by.
import type { SyncRoot } from '../../shared'

/** two-way, upload-only or download-only: the root's mode as the shared state types have it. */
export type SyncMode = SyncRoot['mode']
export type Kind = 'file' | 'folder'

/** One item found in the local folder. */
export interface LocalFact {
  path: string
  /** The same path with the name bytes as found on disk (NFD on some Macs). */
  diskPath: string
  kind: Kind
  /** Bytes; 0 for folders. */
  size: number
  mtimeMs: number
  /** Files: unchanged for the root's readiness window. Folders are always ready. */
  ready: boolean
  /** xxh64 of the content when the scan had a reason to hash it (new or changed), else null. */
  xxh64: string | null
}

/** One item found in the Frame.io project, listed under the local path it would take. */
export interface RemoteFact {
  path: string
  id: string
  parentId: string
  kind: Kind
  /** The name exactly as Frame.io has it. */
  name: string
  size: number
  updatedAt: string
  /** Files: upload complete, so there is something to download. Folders: always. */
  ready: boolean
  /** Why this item cannot be placed in the root (unsafe name, case clash, version stack...). */
  refused: string | null
}

/**
 * What the index remembers of a path that was synced: both sides were once equal. A remembered
 * deletion keeps the row so the name is not transferred again.
 */
export type EntryState = 'synced' | 'deleted-local' | 'deleted-remote'

export interface Entry {
  path: string
  diskPath: string
  kind: Kind
  size: number
  mtimeMs: number
  xxh64: string | null
  remoteId: string
  remoteParentId: string
  remoteUpdatedAt: string
  state: EntryState
}

export type IssueProblem =
  | 'conflict'
  | 'duplicate'
  | 'refused-name'
  | 'edited-local'
  | 'replaced-remote'
  | 'kind-conflict'
  | 'empty-file'

export type Action =
  | { type: 'create-remote-folder'; path: string; local: LocalFact }
  | { type: 'upload'; path: string; local: LocalFact }
  | { type: 'create-local-folder'; path: string; remote: RemoteFact }
  | { type: 'download'; path: string; remote: RemoteFact }
  /** Two folders of one name, or two files already known equal: remember them as one. */
  | { type: 'link'; path: string; local: LocalFact; remote: RemoteFact }
  /** Two files of one name and size: hash the remote bytes, link if they match, else conflict. */
  | { type: 'compare'; path: string; local: LocalFact; remote: RemoteFact }
  /** A synced item now gone on one side: remember it, propagate nothing. */
  | { type: 'remember-deletion'; path: string; side: 'local' | 'remote' }
  /** Gone on both sides: nothing left to remember. */
  | { type: 'forget'; path: string }
  /** A synced local item changed only in ways that keep its content (touched): refresh the row. */
  | { type: 'refresh-local'; path: string; local: LocalFact }
  /** A synced remote item renamed or moved in Frame.io: follow it by id, touch nothing locally. */
  | { type: 'follow-remote'; path: string; remote: RemoteFact }
  | { type: 'issue'; path: string; problem: IssueProblem; message: string }

export interface PlanInput {
  mode: SyncMode
  entries: readonly Entry[]
  local: readonly LocalFact[]
  /** In the order the walker discovered them: on a shared path, the first one wins. */
  remote: readonly RemoteFact[]
  /**
   * Paths whose upload began and did not finish (a session in the upload journal): the Frame.io
   * file met there may be our own placeholder, which only the upload can resume or clean up.
   */
  uploading?: ReadonlySet<string>
}
