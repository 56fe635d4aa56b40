// The index's schema as ordered migrations: entry i takes a database from user_version i to i + 1.
// Never edit a released step; add a new one. Every lookup a repository makes has an index here.
import type { Migration } from './db'

/** Version 1: every table, keyed by root so removing a root cascades to all it owns. */
const initialSchema: Migration = (db) => {
  db.exec(`
    CREATE TABLE roots (
      id TEXT PRIMARY KEY,
      local_path TEXT NOT NULL UNIQUE,
      account_id TEXT NOT NULL,
      workspace_id TEXT NOT NULL,
      project_id TEXT NOT NULL,
      project_name TEXT NOT NULL,
      root_folder_id TEXT NOT NULL,
      mode TEXT NOT NULL CHECK (mode IN ('two-way', 'upload-only', 'download-only')),
      ready_after_seconds INTEGER NOT NULL,
      paused INTEGER NOT NULL DEFAULT 0,
      pause_reason TEXT,
      case_insensitive INTEGER NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;

    -- mtime_ms, ino and dev are REAL: Node reports them as doubles (ino and dev can pass 2^53),
    -- and a REAL gives back exactly the number stored.
    CREATE TABLE entries (
      root_id TEXT NOT NULL REFERENCES roots (id) ON DELETE CASCADE,
      path TEXT NOT NULL,
      disk_path TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('file', 'folder')),
      size INTEGER NOT NULL,
      mtime_ms REAL NOT NULL,
      ino REAL,
      dev REAL,
      xxh64 TEXT,
      remote_id TEXT NOT NULL,
      remote_parent_id TEXT NOT NULL,
      remote_size INTEGER NOT NULL,
      remote_updated_at TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('synced', 'deleted-local', 'deleted-remote')),
      synced_at INTEGER NOT NULL,
      PRIMARY KEY (root_id, path)
    ) STRICT;
    CREATE INDEX entries_by_remote_id ON entries (root_id, remote_id, path);

    CREATE TABLE local_files (
      root_id TEXT NOT NULL REFERENCES roots (id) ON DELETE CASCADE,
      path TEXT NOT NULL,
      disk_path TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('file', 'folder')),
      size INTEGER NOT NULL,
      mtime_ms REAL NOT NULL,
      ino REAL NOT NULL,
      dev REAL NOT NULL,
      xxh64 TEXT,
      stable_since INTEGER NOT NULL,
      seen_scan INTEGER NOT NULL,
      PRIMARY KEY (root_id, path)
    ) STRICT;
    CREATE INDEX local_files_by_scan ON local_files (root_id, seen_scan);

    CREATE TABLE remote_items (
      root_id TEXT NOT NULL REFERENCES roots (id) ON DELETE CASCADE,
      id TEXT NOT NULL,
      parent_id TEXT NOT NULL,
      path TEXT NOT NULL,
      name TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('file', 'folder')),
      size INTEGER NOT NULL,
      updated_at TEXT NOT NULL,
      ready INTEGER NOT NULL,
      refused TEXT,
      discovered_seq INTEGER NOT NULL,
      PRIMARY KEY (root_id, id)
    ) STRICT;
    CREATE INDEX remote_items_by_parent ON remote_items (root_id, parent_id);
    CREATE INDEX remote_items_by_path ON remote_items (root_id, path, discovered_seq);
    CREATE INDEX remote_items_by_discovery ON remote_items (root_id, discovered_seq);

    CREATE TABLE remote_folders (
      root_id TEXT NOT NULL REFERENCES roots (id) ON DELETE CASCADE,
      folder_id TEXT NOT NULL,
      path TEXT NOT NULL,
      listed_at INTEGER NOT NULL,
      updated_at TEXT,
      depth INTEGER NOT NULL,
      PRIMARY KEY (root_id, folder_id)
    ) STRICT;

    CREATE TABLE issues (
      id INTEGER PRIMARY KEY,
      root_id TEXT NOT NULL REFERENCES roots (id) ON DELETE CASCADE,
      path TEXT NOT NULL,
      problem TEXT NOT NULL,
      message TEXT NOT NULL,
      first_at INTEGER NOT NULL,
      last_at INTEGER NOT NULL,
      attempts INTEGER NOT NULL,
      next_attempt_at INTEGER,
      ignored INTEGER NOT NULL DEFAULT 0,
      UNIQUE (root_id, path, problem)
    ) STRICT;
    CREATE INDEX issues_visible ON issues (ignored, last_at);
    CREATE INDEX issues_by_root ON issues (root_id, ignored, last_at);

    CREATE TABLE queue (
      root_id TEXT NOT NULL REFERENCES roots (id) ON DELETE CASCADE,
      path TEXT NOT NULL,
      action TEXT NOT NULL,
      action_type TEXT NOT NULL,
      priority INTEGER NOT NULL,
      size INTEGER NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      last_error TEXT,
      enqueued_at INTEGER NOT NULL,
      PRIMARY KEY (root_id, path)
    ) STRICT;
    CREATE INDEX queue_due ON queue (next_attempt_at, priority, size);

    CREATE TABLE upload_sessions (
      key TEXT PRIMARY KEY,
      file_id TEXT,
      account_id TEXT NOT NULL,
      parent_id TEXT NOT NULL,
      name TEXT NOT NULL,
      started_at INTEGER NOT NULL,
      size INTEGER NOT NULL,
      mtime_ms REAL NOT NULL,
      media_type TEXT NOT NULL
    ) STRICT;
    CREATE TABLE upload_parts (
      key TEXT NOT NULL REFERENCES upload_sessions (key) ON DELETE CASCADE,
      part INTEGER NOT NULL,
      size INTEGER NOT NULL,
      url TEXT NOT NULL,
      etag TEXT,
      PRIMARY KEY (key, part)
    ) STRICT;

    CREATE TABLE activity (
      id INTEGER PRIMARY KEY,
      root_id TEXT NOT NULL REFERENCES roots (id) ON DELETE CASCADE,
      path TEXT NOT NULL,
      kind TEXT NOT NULL
        CHECK (kind IN ('uploaded', 'downloaded', 'linked', 'issue', 'deleted-remembered')),
      bytes INTEGER NOT NULL,
      at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX activity_by_time ON activity (at);
    CREATE INDEX activity_by_root ON activity (root_id, at);

    CREATE TABLE meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
  `)
}

/**
 * Version 2: local_files lighter to write, since a first scan writes one row per file. One B-tree
 * instead of a table plus its key index (WITHOUT ROWID), no scan counter nor its index (nothing
 * read it), and disk_path NULL where it equals path (almost always).
 */
const lighterLocalFiles: Migration = (db) => {
  db.exec(`
    CREATE TABLE local_files_v2 (
      root_id TEXT NOT NULL REFERENCES roots (id) ON DELETE CASCADE,
      path TEXT NOT NULL,
      disk_path TEXT,
      kind TEXT NOT NULL CHECK (kind IN ('file', 'folder')),
      size INTEGER NOT NULL,
      mtime_ms REAL NOT NULL,
      ino REAL NOT NULL,
      dev REAL NOT NULL,
      xxh64 TEXT,
      stable_since INTEGER NOT NULL,
      PRIMARY KEY (root_id, path)
    ) STRICT, WITHOUT ROWID;
    INSERT INTO local_files_v2
      SELECT root_id, path, NULLIF(disk_path, path), kind, size, mtime_ms, ino, dev, xxh64,
        stable_since
      FROM local_files;
    DROP TABLE local_files;
    ALTER TABLE local_files_v2 RENAME TO local_files;
  `)
}

export const migrations: readonly Migration[] = [initialSchema, lighterLocalFiles]

/** Every table, for diagnostics. */
export const tableNames = [
  'roots',
  'entries',
  'local_files',
  'remote_items',
  'remote_folders',
  'issues',
  'queue',
  'upload_sessions',
  'upload_parts',
  'activity',
  'meta',
] as const

export type TableName = (typeof tableNames)[number]
