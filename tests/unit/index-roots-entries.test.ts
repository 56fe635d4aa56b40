// The index's roots and entries: adding, changing and removing roots (with the cascade to all a
// root owns) and what is remembered per synced path.
import { describe, expect, it } from 'vitest'
import {
  entryAt,
  localFileAt,
  newRoot,
  openTestIndex,
  remoteItem,
  startMs,
  tempIndexPath,
} from './fakes/sync-index'

describe('roots', () => {
  it('adds a root unpaused, stamped with the clock, and reads it back', () => {
    const { index } = openTestIndex()
    const added = index.roots.add(newRoot('r1', { caseInsensitive: true }))
    expect(added).toEqual({
      ...newRoot('r1', { caseInsensitive: true }),
      paused: false,
      pauseReason: null,
      createdAt: startMs,
    })
    expect(index.roots.get('r1')).toEqual(added)
    expect(index.roots.get('nope')).toBeNull()
  })

  it('lists roots oldest first', () => {
    const { index, clock } = openTestIndex()
    index.roots.add(newRoot('b'))
    clock.advance(1)
    index.roots.add(newRoot('a'))
    expect(index.roots.list().map((root) => root.id)).toEqual(['b', 'a'])
  })

  it('refuses a folder already synced and an id already used, naming them', () => {
    const { index } = openTestIndex()
    index.roots.add(newRoot('r1', { localPath: '/media/shoot' }))
    expect(() => index.roots.add(newRoot('r2', { localPath: '/media/shoot' }))).toThrow(
      'The folder /media/shoot is already synced (root r1).',
    )
    expect(() => index.roots.add(newRoot('r1', { localPath: '/media/other' }))).toThrow(
      'A sync root with id r1 already exists.',
    )
    expect(index.roots.list()).toHaveLength(1)
  })

  it('updates only the fields given, and can clear a pause reason', () => {
    const { index } = openTestIndex()
    index.roots.add(newRoot('r1'))
    const paused = index.roots.update('r1', { paused: true, pauseReason: 'The folder is missing.' })
    expect(paused).toMatchObject({
      paused: true,
      pauseReason: 'The folder is missing.',
      mode: 'two-way',
    })
    const changed = index.roots.update('r1', {
      mode: 'upload-only',
      readyAfterSeconds: 5,
      projectName: 'Renamed',
    })
    expect(changed).toMatchObject({
      mode: 'upload-only',
      readyAfterSeconds: 5,
      projectName: 'Renamed',
      paused: true,
    })
    expect(index.roots.update('r1', { paused: false, pauseReason: null })).toMatchObject({
      paused: false,
      pauseReason: null,
    })
    expect(index.roots.update('r1', {})).toEqual(index.roots.get('r1'))
    expect(index.roots.update('nope', { paused: true })).toBeNull()
  })

  it('removing a root removes everything it owns and nothing of other roots', async () => {
    const { index } = openTestIndex(tempIndexPath())
    for (const id of ['gone', 'kept']) {
      index.roots.add(newRoot(id))
      index.entries.put(id, entryAt('a.mov', `remote-${id}`))
      index.localFiles.put(id, localFileAt('a.mov'))
      index.remote.replaceListing(id, `folder-${id}`, { path: '', updatedAt: null, depth: 0 }, [
        remoteItem('', 'a.mov', `remote-${id}`, `folder-${id}`),
      ])
      index.issues.record(id, 'b.mov', 'conflict', 'Both sides changed b.mov.')
      index.queue.put(id, 'c.mov', { type: 'upload' }, 1, 10)
      index.activity.add({ rootId: id, path: 'a.mov', kind: 'uploaded', bytes: 100 })
    }
    await index.journal.save('an upload', {
      fileId: null,
      accountId: 'account-1',
      parentId: 'folder-gone',
      name: 'c.mov',
      startedAt: startMs,
      size: 10,
      mtimeMs: startMs,
      mediaType: 'video/quicktime',
      parts: [],
    })
    expect(index.roots.remove('gone')).toBe(true)
    expect(index.roots.remove('gone')).toBe(false)
    expect(index.stats().rows).toEqual({
      roots: 1,
      entries: 1,
      local_files: 1,
      remote_items: 1,
      remote_folders: 1,
      issues: 1,
      queue: 1,
      // Upload sessions are the uploader's to clean up (a placeholder may be left in Frame.io).
      upload_sessions: 1,
      upload_parts: 0,
      activity: 1,
      meta: 0,
    })
    expect(index.entries.get('kept', 'a.mov')).not.toBeNull()
  })
})

describe('entries', () => {
  it('round-trips an entry with its identity, exactly, and stamps when it was synced', () => {
    const { index, clock } = openTestIndex()
    index.roots.add(newRoot('r1'))
    clock.advance(5_000)
    // Doubles as Node reports them: a fractional mtime, and ino/dev past 2^53.
    const put = entryAt('Shoot/A001.mov', 'remote-1', {
      mtimeMs: 1_712_345_678_901.125,
      ino: 2 ** 60 + 2 ** 10,
      dev: 2 ** 64 - 2 ** 12,
      remoteSize: 101,
    })
    index.entries.put('r1', put)
    expect(index.entries.get('r1', 'Shoot/A001.mov')).toEqual({
      ...put,
      syncedAt: startMs + 5_000,
    })
    expect(index.entries.get('r1', 'missing')).toBeNull()
    expect(index.entries.get('other-root', 'Shoot/A001.mov')).toBeNull()
  })

  it('defaults the remote size to the local one and ino/dev to null', () => {
    const { index } = openTestIndex()
    index.roots.add(newRoot('r1'))
    index.entries.put('r1', entryAt('a', 'remote-a', { size: 55, xxh64: null }))
    expect(index.entries.get('r1', 'a')).toMatchObject({
      remoteSize: 55,
      ino: null,
      dev: null,
      xxh64: null,
    })
  })

  it('put replaces the entry at a path', () => {
    const { index } = openTestIndex()
    index.roots.add(newRoot('r1'))
    index.entries.put('r1', entryAt('a', 'remote-a'))
    index.entries.put('r1', entryAt('a', 'remote-b', { size: 7 }))
    expect(index.entries.all('r1')).toHaveLength(1)
    expect(index.entries.get('r1', 'a')).toMatchObject({ remoteId: 'remote-b', size: 7 })
  })

  it('finds an entry by its remote id, within its root', () => {
    const { index } = openTestIndex()
    index.roots.add(newRoot('r1'))
    index.roots.add(newRoot('r2'))
    index.entries.put('r1', entryAt('one', 'remote-1'))
    index.entries.put('r1', entryAt('two', 'remote-2'))
    index.entries.put('r2', entryAt('elsewhere', 'remote-2'))
    expect(index.entries.byRemoteId('r1', 'remote-2')?.path).toBe('two')
    expect(index.entries.byRemoteId('r2', 'remote-2')?.path).toBe('elsewhere')
    expect(index.entries.byRemoteId('r1', 'remote-3')).toBeNull()
  })

  it('lists all entries of a root by path, changes states, deletes and counts by state', () => {
    const { index } = openTestIndex()
    index.roots.add(newRoot('r1'))
    index.roots.add(newRoot('r2'))
    for (const path of ['c', 'a', 'b', 'd'])
      index.entries.put('r1', entryAt(path, `remote-${path}`))
    index.entries.put('r2', entryAt('z', 'remote-z'))
    expect(index.entries.all('r1').map((entry) => entry.path)).toEqual(['a', 'b', 'c', 'd'])

    expect(index.entries.setState('r1', 'a', 'deleted-local')).toBe(true)
    expect(index.entries.setState('r1', 'b', 'deleted-remote')).toBe(true)
    expect(index.entries.setState('r1', 'missing', 'deleted-remote')).toBe(false)
    expect(index.entries.get('r1', 'a')?.state).toBe('deleted-local')
    expect(index.entries.delete('r1', 'd')).toBe(true)
    expect(index.entries.delete('r1', 'd')).toBe(false)

    expect(index.entries.count('r1')).toEqual({
      synced: 1,
      'deleted-local': 1,
      'deleted-remote': 1,
    })
    expect(index.entries.count('r2')).toEqual({
      synced: 1,
      'deleted-local': 0,
      'deleted-remote': 0,
    })
  })

  it('refuses an entry for a root that is not in the index', () => {
    const { index } = openTestIndex()
    expect(() => index.entries.put('nope', entryAt('a', 'remote-a'))).toThrow(/FOREIGN KEY/)
  })
})
