// The sync index as one object: the open database, every repository on it, and diagnostics.
// One process (the engine) owns an index file; everything else asks the engine.
import { ActivityRepo } from './activity'
import { IndexDatabase } from './db'
import { EntriesRepo } from './entries'
import { IssuesRepo } from './issues'
import { IndexUploadJournal } from './journal'
import { LocalFilesRepo } from './local-files'
import { MetaRepo } from './meta'
import { QueueRepo } from './queue'
import { RemoteRepo } from './remote'
import { RootsRepo } from './roots'
import { num } from './rows'
import { migrations, tableNames, type TableName } from './schema'

export interface IndexOptions {
  /** The clock for every timestamp the index writes (epoch ms); Date.now by default. */
  now?: () => number
}

export interface IndexStats {
  rows: Record<TableName, number>
  /** The database's size in bytes (pages in use, including changes still in the WAL). */
  bytes: number
}

export interface SyncIndex {
  readonly path: string
  readonly roots: RootsRepo
  readonly entries: EntriesRepo
  readonly localFiles: LocalFilesRepo
  readonly remote: RemoteRepo
  readonly issues: IssuesRepo
  readonly queue: QueueRepo
  /** The upload journal for the transfer layer's Uploader. */
  readonly journal: IndexUploadJournal
  readonly activity: ActivityRepo
  readonly meta: MetaRepo
  /** Runs `fn` atomically (see IndexDatabase.transaction: nestable, synchronous only). */
  transaction<T>(fn: () => T): T
  stats(): IndexStats
  close(): void
}

/**
 * Opens the index at `path` (or ':memory:'), creating and migrating it as needed. Throws when
 * the file was made by a newer frameio-sync or is not an index.
 */
export function openIndex(path: string, options: IndexOptions = {}): SyncIndex {
  const now = options.now ?? Date.now
  const db = IndexDatabase.open(path, migrations)
  return {
    path,
    roots: new RootsRepo(db, now),
    entries: new EntriesRepo(db, now),
    localFiles: new LocalFilesRepo(db),
    remote: new RemoteRepo(db, now),
    issues: new IssuesRepo(db, now),
    queue: new QueueRepo(db, now),
    journal: new IndexUploadJournal(db),
    activity: new ActivityRepo(db, now),
    meta: new MetaRepo(db),
    transaction: (fn) => db.transaction(fn),
    stats: () => stats(db),
    close: () => db.close(),
  }
}

function stats(db: IndexDatabase): IndexStats {
  const rows = {} as Record<TableName, number>
  for (const table of tableNames) {
    const row = db.statement(`SELECT count(*) AS n FROM ${table}`).get()
    rows[table] = row ? num(row, 'n') : 0
  }
  const pages = db.statement('PRAGMA page_count').get()
  const pageSize = db.statement('PRAGMA page_size').get()
  const bytes = pages && pageSize ? num(pages, 'page_count') * num(pageSize, 'page_size') : 0
  return { rows, bytes }
}
