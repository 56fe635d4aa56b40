// What the index remembers of every synced path of a root (facts.ts's Entry), with the local
// file's identity (ino, dev) and when it was last synced.
import type { Entry, EntryState } from '../plan/facts'
import type { IndexDatabase } from './db'
import { kind, num, numOrNull, oneOf, text, textOrNull, type Row } from './rows'

export const entryStates: readonly EntryState[] = ['synced', 'deleted-local', 'deleted-remote']

/** An entry as put: the remote size defaults to the local one (both sides were equal). */
export interface EntryInput extends Entry {
  ino?: number | null
  dev?: number | null
  remoteSize?: number
}

export interface StoredEntry extends Entry {
  ino: number | null
  dev: number | null
  remoteSize: number
  syncedAt: number
}

function toEntry(row: Row): StoredEntry {
  return {
    path: text(row, 'path'),
    diskPath: text(row, 'disk_path'),
    kind: kind(row),
    size: num(row, 'size'),
    mtimeMs: num(row, 'mtime_ms'),
    xxh64: textOrNull(row, 'xxh64'),
    remoteId: text(row, 'remote_id'),
    remoteParentId: text(row, 'remote_parent_id'),
    remoteUpdatedAt: text(row, 'remote_updated_at'),
    state: oneOf(row, 'state', entryStates),
    ino: numOrNull(row, 'ino'),
    dev: numOrNull(row, 'dev'),
    remoteSize: num(row, 'remote_size'),
    syncedAt: num(row, 'synced_at'),
  }
}

export class EntriesRepo {
  constructor(
    private readonly db: IndexDatabase,
    private readonly now: () => number,
  ) {}

  get(rootId: string, path: string): StoredEntry | null {
    const row = this.db
      .statement('SELECT * FROM entries WHERE root_id = ? AND path = ?')
      .get(rootId, path)
    return row ? toEntry(row) : null
  }

  /** The entry following a remote id (the first by path should one id be at two paths). */
  byRemoteId(rootId: string, remoteId: string): StoredEntry | null {
    const row = this.db
      .statement('SELECT * FROM entries WHERE root_id = ? AND remote_id = ? ORDER BY path LIMIT 1')
      .get(rootId, remoteId)
    return row ? toEntry(row) : null
  }

  /** Every entry of the root by path: the reconciler's `entries` input. */
  all(rootId: string): StoredEntry[] {
    // Iterating builds a large result about twice as fast as node:sqlite's all().
    const rows = this.db
      .statement('SELECT * FROM entries WHERE root_id = ? ORDER BY path')
      .iterate(rootId)
    return Array.from(rows, toEntry)
  }

  /** Inserts or replaces the entry at its path; synced_at becomes now. */
  put(rootId: string, entry: EntryInput): void {
    this.db
      .statement(
        `INSERT OR REPLACE INTO entries (root_id, path, disk_path, kind, size, mtime_ms, ino, dev,
           xxh64, remote_id, remote_parent_id, remote_size, remote_updated_at, state, synced_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        rootId,
        entry.path,
        entry.diskPath,
        entry.kind,
        entry.size,
        entry.mtimeMs,
        entry.ino ?? null,
        entry.dev ?? null,
        entry.xxh64,
        entry.remoteId,
        entry.remoteParentId,
        entry.remoteSize ?? entry.size,
        entry.remoteUpdatedAt,
        entry.state,
        this.now(),
      )
  }

  /** Changes an entry's state (a remembered deletion); false when there is no such entry. */
  setState(rootId: string, path: string, state: EntryState): boolean {
    const result = this.db
      .statement('UPDATE entries SET state = ? WHERE root_id = ? AND path = ?')
      .run(state, rootId, path)
    return Number(result.changes) > 0
  }

  delete(rootId: string, path: string): boolean {
    const result = this.db
      .statement('DELETE FROM entries WHERE root_id = ? AND path = ?')
      .run(rootId, path)
    return Number(result.changes) > 0
  }

  /** How many entries the root has in each state. */
  count(rootId: string): Record<EntryState, number> {
    const counts: Record<EntryState, number> = {
      synced: 0,
      'deleted-local': 0,
      'deleted-remote': 0,
    }
    const rows = this.db
      .statement('SELECT state, count(*) AS n FROM entries WHERE root_id = ? GROUP BY state')
      .all(rootId)
    for (const row of rows) counts[oneOf(row, 'state', entryStates)] = num(row, 'n')
    return counts
  }
}
