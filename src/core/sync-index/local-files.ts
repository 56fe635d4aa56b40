// The last local scan's facts per file, so a rescan hashes only what is new or changed: a file
// whose size and mtime still match keeps its row (and its xxh64) untouched.
import type { Kind } from '../plan/facts'
import type { IndexDatabase } from './db'
import { kind, num, text, textOrNull, type Row } from './rows'

export interface LocalFileRecord {
  path: string
  diskPath: string
  kind: Kind
  size: number
  mtimeMs: number
  ino: number
  dev: number
  /** Null until the file was hashed. */
  xxh64: string | null
  /** When the file was first seen with this size and mtime (epoch ms), for the readiness gate. */
  stableSince: number
}

function toLocalFile(row: Row): LocalFileRecord {
  return {
    path: text(row, 'path'),
    diskPath: textOrNull(row, 'disk_path') ?? text(row, 'path'),
    kind: kind(row),
    size: num(row, 'size'),
    mtimeMs: num(row, 'mtime_ms'),
    ino: num(row, 'ino'),
    dev: num(row, 'dev'),
    xxh64: textOrNull(row, 'xxh64'),
    stableSince: num(row, 'stable_since'),
  }
}

/** Rows per INSERT: fewer calls into SQLite, well under its limit of bound values. */
const rowsPerInsert = 50

function insertRows(count: number): string {
  return `INSERT OR REPLACE INTO local_files
    (root_id, path, disk_path, kind, size, mtime_ms, ino, dev, xxh64, stable_since)
    VALUES ${Array.from({ length: count }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`
}

/** Built once: a first scan of 100,000 files runs it 2,000 times (building it cost ~20 ms). */
const insertFullRows = insertRows(rowsPerInsert)

/**
 * A scan reads `all(root)` once, `put`s each new or changed file, and `delete`s what it no longer
 * found (engine/local-state.ts).
 */
export class LocalFilesRepo {
  constructor(private readonly db: IndexDatabase) {}

  get(rootId: string, path: string): LocalFileRecord | null {
    const row = this.db
      .statement('SELECT * FROM local_files WHERE root_id = ? AND path = ?')
      .get(rootId, path)
    return row ? toLocalFile(row) : null
  }

  /** Every file of the last scans, by path. */
  all(rootId: string): LocalFileRecord[] {
    // Iterating builds a large result about twice as fast as node:sqlite's all().
    const rows = this.db
      .statement('SELECT * FROM local_files WHERE root_id = ? ORDER BY path')
      .iterate(rootId)
    return Array.from(rows, toLocalFile)
  }

  /** Records a file as a scan found it. */
  put(rootId: string, file: LocalFileRecord): void {
    this.putMany(rootId, [file])
  }

  /**
   * Records files as a scan found them, several rows per statement: a first scan writes one row
   * per file, and one statement per row made the calls themselves a third of its cost.
   */
  putMany(rootId: string, files: readonly LocalFileRecord[]): void {
    for (let start = 0; start < files.length; start += rowsPerInsert) {
      const rows = files.slice(start, start + rowsPerInsert)
      const values = rows.flatMap((file) => [
        rootId,
        file.path,
        file.diskPath === file.path ? null : file.diskPath,
        file.kind,
        file.size,
        file.mtimeMs,
        file.ino,
        file.dev,
        file.xxh64,
        file.stableSince,
      ])
      const sql = rows.length === rowsPerInsert ? insertFullRows : insertRows(rows.length)
      this.db.statement(sql).run(...values)
    }
  }

  /** Records the content hash of a file as it is now; false when the file was not recorded. */
  setHash(rootId: string, path: string, xxh64: string): boolean {
    const result = this.db
      .statement('UPDATE local_files SET xxh64 = ? WHERE root_id = ? AND path = ?')
      .run(xxh64, rootId, path)
    return Number(result.changes) > 0
  }

  /** The file was seen changing: it must settle for a whole window again from `now`. */
  restartSettling(rootId: string, path: string, now: number): boolean {
    const result = this.db
      .statement('UPDATE local_files SET stable_since = ? WHERE root_id = ? AND path = ?')
      .run(now, rootId, path)
    return result.changes > 0
  }

  /** Forgets one file (gone or now ignored); false when it was not recorded. */
  delete(rootId: string, path: string): boolean {
    const result = this.db
      .statement('DELETE FROM local_files WHERE root_id = ? AND path = ?')
      .run(rootId, path)
    return Number(result.changes) > 0
  }
}
