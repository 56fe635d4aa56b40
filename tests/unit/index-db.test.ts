// The sync index's database: migrations by user_version (fresh, reopened, made by a newer
// version), WAL, files that are not an index, nestable transactions and diagnostics.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { describe, expect, it } from 'vitest'
import { openIndex } from '../../src/core/sync-index'
import { migrations } from '../../src/core/sync-index/schema'
import { newRoot, openTestIndex, tempIndexPath } from './fakes/sync-index'

function pragma(path: string, name: string): unknown {
  const db = new DatabaseSync(path)
  try {
    return db.prepare(`PRAGMA ${name}`).get()?.[name]
  } finally {
    db.close()
  }
}

describe('opening and migrating', () => {
  it('creates a fresh index at the latest version, in WAL mode', () => {
    const path = tempIndexPath()
    openIndex(path).close()
    expect(migrations.length).toBeGreaterThan(0)
    expect(pragma(path, 'user_version')).toBe(migrations.length)
    expect(pragma(path, 'journal_mode')).toBe('wal')
  })

  it('reopens an index without migrating again and keeps its rows', () => {
    const path = tempIndexPath()
    const first = openIndex(path)
    first.roots.add(newRoot('r1'))
    first.close()
    const second = openIndex(path)
    expect(second.roots.list().map((root) => root.id)).toEqual(['r1'])
    second.close()
    expect(pragma(path, 'user_version')).toBe(migrations.length)
  })

  it('moves the local files of a version 1 index into the lighter table, keeping every row', () => {
    const path = tempIndexPath()
    const raw = new DatabaseSync(path)
    raw.exec('PRAGMA foreign_keys = ON')
    migrations[0]?.(raw)
    raw.exec('PRAGMA user_version = 1')
    raw.exec(`
      INSERT INTO roots VALUES ('r1', '/sync', 'a', 'w', 'p', 'Project', 'f', 'two-way', 60, 0,
        NULL, 0, 1);
      INSERT INTO local_files VALUES
        ('r1', 'Shoot/A001.mov', 'Shoot/A001.mov', 'file', 10, 1.5, 2, 3, 'aa', 4, 7),
        ('r1', 'Caf\u00e9', 'Cafe\u0301', 'folder', 0, 5.5, 6, 3, NULL, 8, 7);
    `)
    raw.close()
    const index = openIndex(path)
    expect(index.localFiles.all('r1')).toEqual([
      {
        path: 'Caf\u00e9',
        diskPath: 'Cafe\u0301',
        kind: 'folder',
        size: 0,
        mtimeMs: 5.5,
        ino: 6,
        dev: 3,
        xxh64: null,
        stableSince: 8,
      },
      {
        path: 'Shoot/A001.mov',
        diskPath: 'Shoot/A001.mov',
        kind: 'file',
        size: 10,
        mtimeMs: 1.5,
        ino: 2,
        dev: 3,
        xxh64: 'aa',
        stableSince: 4,
      },
    ])
    index.roots.remove('r1')
    expect(index.localFiles.all('r1')).toEqual([])
    index.close()
    expect(pragma(path, 'user_version')).toBe(migrations.length)
  })

  it('creates the folder the index lives in', () => {
    const path = join(tempIndexPath(), '..', 'state', 'nested', 'index.sqlite')
    openIndex(path).close()
    expect(pragma(path, 'user_version')).toBe(migrations.length)
  })

  it('refuses an index made by a newer frameio-sync and leaves it untouched', () => {
    const path = tempIndexPath()
    openIndex(path).close()
    const raw = new DatabaseSync(path)
    raw.exec(`PRAGMA user_version = ${migrations.length + 1}`)
    raw.close()
    expect(() => openIndex(path)).toThrow(/made by a newer frameio-sync/)
    expect(() => openIndex(path)).toThrow(path)
    expect(pragma(path, 'user_version')).toBe(migrations.length + 1)
  })

  it('says which file is not an index', () => {
    const path = tempIndexPath()
    writeFileSync(path, 'these are not the bytes of a database, just text long enough to look')
    expect(() => openIndex(path)).toThrow(`The sync index at ${path} could not be opened`)
  })
})

describe('transactions', () => {
  it('commits what the function wrote and returns its result', () => {
    const { index } = openTestIndex()
    const result = index.transaction(() => {
      index.meta.set('paused', 'true')
      return 7
    })
    expect(result).toBe(7)
    expect(index.meta.get('paused')).toBe('true')
  })

  it('rolls back everything when the function throws, and rethrows', () => {
    const { index } = openTestIndex()
    index.meta.set('kept', 'before')
    expect(() =>
      index.transaction(() => {
        index.meta.set('kept', 'changed')
        index.meta.set('new', 'value')
        throw new Error('stop here')
      }),
    ).toThrow('stop here')
    expect(index.meta.get('kept')).toBe('before')
    expect(index.meta.get('new')).toBeNull()
  })

  it('nests: an inner failure undoes only the inner writes', () => {
    const { index } = openTestIndex()
    index.transaction(() => {
      index.meta.set('outer', '1')
      expect(() =>
        index.transaction(() => {
          index.meta.set('inner', '1')
          throw new Error('inner fails')
        }),
      ).toThrow('inner fails')
      index.transaction(() => index.meta.set('second-inner', '1'))
    })
    expect(index.meta.get('outer')).toBe('1')
    expect(index.meta.get('inner')).toBeNull()
    expect(index.meta.get('second-inner')).toBe('1')
  })

  it('an outer failure undoes inner writes that had succeeded', () => {
    const { index } = openTestIndex()
    expect(() =>
      index.transaction(() => {
        index.transaction(() => index.meta.set('inner', '1'))
        throw new Error('outer fails')
      }),
    ).toThrow('outer fails')
    expect(index.meta.get('inner')).toBeNull()
  })

  it('refuses an async function and rolls its synchronous part back', async () => {
    const { index } = openTestIndex()
    let pending: Promise<void> | undefined
    expect(() =>
      index.transaction(() => {
        index.meta.set('early', '1')
        pending = Promise.resolve()
        return pending
      }),
    ).toThrow(/synchronous/)
    await pending
    expect(index.meta.get('early')).toBeNull()
    index.transaction(() => index.meta.set('after', '1'))
    expect(index.meta.get('after')).toBe('1')
  })
})

describe('meta and stats', () => {
  it('keeps named values, the last set winning', () => {
    const { index } = openTestIndex()
    expect(index.meta.get('paused')).toBeNull()
    index.meta.set('paused', 'true')
    index.meta.set('paused', 'false')
    expect(index.meta.get('paused')).toBe('false')
  })

  it('counts the rows of every table and gives the database size', () => {
    const { index } = openTestIndex(tempIndexPath())
    index.roots.add(newRoot('r1'))
    index.roots.add(newRoot('r2'))
    index.meta.set('paused', 'false')
    const stats = index.stats()
    expect(stats.rows).toEqual({
      roots: 2,
      entries: 0,
      local_files: 0,
      remote_items: 0,
      remote_folders: 0,
      issues: 0,
      queue: 0,
      upload_sessions: 0,
      upload_parts: 0,
      activity: 0,
      meta: 1,
    })
    expect(stats.bytes).toBeGreaterThan(0)
    expect(stats.bytes % 512).toBe(0)
  })
})
