// src/core/sync-index owns the sync index: one node:sqlite database per engine holding the roots,
// what was synced, the last scan and walk, sync issues, the work queue, upload sessions, activity.
export { openIndex, type SyncIndex, type IndexOptions, type IndexStats } from './sync-index'
export type { RootsRepo, RootRecord, NewRoot, RootPatch } from './roots'
export type { EntriesRepo, EntryInput, StoredEntry } from './entries'
export type { LocalFilesRepo, LocalFileRecord } from './local-files'
export type { RemoteRepo, ListedFolder, RemoteFolderRecord } from './remote'
export type { IssuesRepo, IssueRecord } from './issues'
export { backoffAfter, type QueueRepo, type QueuedWork } from './queue'
export { IndexUploadJournal } from './journal'
export {
  activityRetentionMs,
  type ActivityRepo,
  type ActivityRecord,
  type ActivityKind,
  type ActivityFilter,
} from './activity'
export type { MetaRepo } from './meta'
