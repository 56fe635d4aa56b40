// The index's memory of the last local scan (what a rescan may skip hashing) and of the remote
// walk (listings replaced folder by folder, vanished subtrees dropped, discovery order kept).
import { describe, expect, it } from 'vitest'
import type { Kind } from '../../src/core/plan/facts'
import { localFileAt, newRoot, openTestIndex, remoteItem } from './fakes/sync-index'

describe('local files', () => {
  function indexWithRoot() {
    const opened = openTestIndex()
    opened.index.roots.add(newRoot('r1'))
    return opened
  }

  it('round-trips a file as a scan found it, and replaces it', () => {
    const { index } = indexWithRoot()
    const file = localFileAt('Shoot/A001.mov', { mtimeMs: 1_712_345_678_901.5, ino: 2 ** 58 })
    index.localFiles.put('r1', file)
    expect(index.localFiles.get('r1', 'Shoot/A001.mov')).toEqual(file)
    index.localFiles.put('r1', { ...file, size: 200, xxh64: 'fedcba9876543210' })
    expect(index.localFiles.get('r1', 'Shoot/A001.mov')).toMatchObject({
      size: 200,
      xxh64: 'fedcba9876543210',
    })
    expect(index.localFiles.get('r1', 'missing')).toBeNull()
  })

  it('keeps an on-disk spelling that differs from the NFC path', () => {
    const { index } = indexWithRoot()
    const file = localFileAt('Caf\u00e9/Sc\u00e8ne.mov', { diskPath: 'Cafe\u0301/Sce\u0300ne.mov' })
    index.localFiles.put('r1', file)
    expect(index.localFiles.get('r1', 'Caf\u00e9/Sc\u00e8ne.mov')).toEqual(file)
    expect(index.localFiles.all('r1')).toEqual([file])
  })

  it('records a hash and forgets single files', () => {
    const { index } = indexWithRoot()
    index.localFiles.put('r1', localFileAt('a'))
    expect(index.localFiles.setHash('r1', 'a', '0011223344556677')).toBe(true)
    expect(index.localFiles.get('r1', 'a')?.xxh64).toBe('0011223344556677')
    expect(index.localFiles.setHash('r1', 'missing', '0011223344556677')).toBe(false)
    expect(index.localFiles.delete('r1', 'a')).toBe(true)
    expect(index.localFiles.delete('r1', 'a')).toBe(false)
    expect(index.localFiles.all('r1')).toEqual([])
  })
})

describe('remote listings', () => {
  const root = { path: '', updatedAt: '2025-01-01T00:00:00.000Z', depth: 0 }

  function indexWithTree() {
    const opened = openTestIndex()
    const { index } = opened
    index.roots.add(newRoot('r1'))
    index.remote.replaceListing('r1', 'top', root, [
      remoteItem('', 'Shoot', 'shoot', 'top', { kind: 'folder', size: 0 }),
      remoteItem('', 'notes.txt', 'notes', 'top'),
    ])
    index.remote.replaceListing('r1', 'shoot', { path: 'Shoot', updatedAt: 'u1', depth: 1 }, [
      remoteItem('Shoot', 'Day1', 'day1', 'shoot', { kind: 'folder', size: 0 }),
      remoteItem('Shoot', 'A001.mov', 'a001', 'shoot'),
    ])
    index.remote.replaceListing('r1', 'day1', { path: 'Shoot/Day1', updatedAt: 'u2', depth: 2 }, [
      remoteItem('Shoot/Day1', 'B001.mov', 'b001', 'day1'),
    ])
    return opened
  }

  const paths = (facts: Array<{ path: string }>) => facts.map((fact) => fact.path)

  it('gives the facts in discovery order, as listed', () => {
    const { index } = indexWithTree()
    expect(index.remote.facts('r1')).toEqual([
      remoteItem('', 'Shoot', 'shoot', 'top', { kind: 'folder', size: 0 }),
      remoteItem('', 'notes.txt', 'notes', 'top'),
      remoteItem('Shoot', 'Day1', 'day1', 'shoot', { kind: 'folder', size: 0 }),
      remoteItem('Shoot', 'A001.mov', 'a001', 'shoot'),
      remoteItem('Shoot/Day1', 'B001.mov', 'b001', 'day1'),
    ])
  })

  it('keeps the discovery order of known items and puts new ones after all known', () => {
    const { index } = indexWithTree()
    index.remote.replaceListing('r1', 'top', root, [
      remoteItem('', 'new.txt', 'new', 'top'),
      remoteItem('', 'notes.txt', 'notes', 'top', { size: 999, ready: false, refused: 'why' }),
      remoteItem('', 'Shoot', 'shoot', 'top', { kind: 'folder', size: 0 }),
    ])
    const facts = index.remote.facts('r1')
    expect(paths(facts)).toEqual([
      'Shoot',
      'notes.txt',
      'Shoot/Day1',
      'Shoot/A001.mov',
      'Shoot/Day1/B001.mov',
      'new.txt',
    ])
    expect(facts[1]).toMatchObject({ size: 999, ready: false, refused: 'why' })
  })

  it('on a shared path lists the first discovered first', () => {
    const { index } = indexWithTree()
    index.remote.replaceListing('r1', 'top', root, [
      remoteItem('', 'notes.txt', 'notes-copy', 'top'),
      remoteItem('', 'notes.txt', 'notes', 'top'),
      remoteItem('', 'Shoot', 'shoot', 'top', { kind: 'folder', size: 0 }),
    ])
    expect(index.remote.atPath('r1', 'notes.txt').map((fact) => fact.id)).toEqual([
      'notes',
      'notes-copy',
    ])
    expect(index.remote.atPath('r1', 'nothing here')).toEqual([])
  })

  it('forgets a vanished folder with its whole subtree and its listings', () => {
    const { index } = indexWithTree()
    index.remote.replaceListing('r1', 'top', root, [remoteItem('', 'notes.txt', 'notes', 'top')])
    expect(paths(index.remote.facts('r1'))).toEqual(['notes.txt'])
    expect(index.remote.folders('r1').map((folder) => folder.folderId)).toEqual(['top'])
  })

  it('forgets a vanished file only, leaving its siblings', () => {
    const { index } = indexWithTree()
    index.remote.replaceListing('r1', 'shoot', { path: 'Shoot', updatedAt: 'u3', depth: 1 }, [
      remoteItem('Shoot', 'Day1', 'day1', 'shoot', { kind: 'folder', size: 0 }),
    ])
    expect(paths(index.remote.facts('r1'))).toEqual([
      'Shoot',
      'notes.txt',
      'Shoot/Day1',
      'Shoot/Day1/B001.mov',
    ])
  })

  it('takes a renamed folder’s known subtree to the new path, keeping discovery order', () => {
    const { index } = indexWithTree()
    index.remote.replaceListing('r1', 'top', root, [
      remoteItem('', 'Shoot 2025', 'shoot', 'top', { kind: 'folder', size: 0 }),
      remoteItem('', 'notes.txt', 'notes', 'top'),
    ])
    expect(paths(index.remote.facts('r1'))).toEqual([
      'Shoot 2025',
      'notes.txt',
      'Shoot 2025/Day1',
      'Shoot 2025/A001.mov',
      'Shoot 2025/Day1/B001.mov',
    ])
    expect(
      index.remote
        .folders('r1')
        .map((folder) => folder.path)
        .sort(),
    ).toEqual(['', 'Shoot 2025', 'Shoot 2025/Day1'])
  })

  it('lists folders least recently listed first, with when and at what updated_at', () => {
    const { index, clock } = openTestIndex()
    index.roots.add(newRoot('r1'))
    index.remote.replaceListing('r1', 'top', { path: '', updatedAt: null, depth: 0 }, [
      remoteItem('', 'A', 'a', 'top', { kind: 'folder', size: 0 }),
      remoteItem('', 'B', 'b', 'top', { kind: 'folder', size: 0 }),
    ])
    clock.advance(1_000)
    index.remote.replaceListing('r1', 'b', { path: 'B', updatedAt: 'ub', depth: 1 }, [])
    clock.advance(1_000)
    index.remote.replaceListing('r1', 'a', { path: 'A', updatedAt: 'ua', depth: 1 }, [])
    clock.advance(1_000)
    index.remote.replaceListing('r1', 'b', { path: 'B', updatedAt: 'ub2', depth: 1 }, [])
    expect(index.remote.folders('r1')).toEqual([
      { folderId: 'top', path: '', updatedAt: null, depth: 0, listedAt: clock.time - 3_000 },
      { folderId: 'a', path: 'A', updatedAt: 'ua', depth: 1, listedAt: clock.time - 1_000 },
      { folderId: 'b', path: 'B', updatedAt: 'ub2', depth: 1, listedAt: clock.time },
    ])
  })

  it('refuses a child that names another parent, writing nothing', () => {
    const { index } = indexWithTree()
    const before = index.remote.facts('r1')
    expect(() =>
      index.remote.replaceListing('r1', 'top', root, [remoteItem('', 'x', 'x', 'elsewhere')]),
    ).toThrow('x was listed under folder top but names elsewhere as its parent.')
    expect(index.remote.facts('r1')).toEqual(before)
  })

  it('writes a listing all or nothing', () => {
    const { index } = indexWithTree()
    const before = index.remote.facts('r1')
    const broken = remoteItem('', 'bad', 'bad', 'top', { kind: 'link' as Kind })
    expect(() => index.remote.replaceListing('r1', 'top', root, [broken])).toThrow(/CHECK/)
    expect(index.remote.facts('r1')).toEqual(before)
  })

  it('forgets a root’s remote memory without touching another root’s', () => {
    const { index } = indexWithTree()
    index.roots.add(newRoot('r2'))
    index.remote.replaceListing('r2', 'top2', root, [remoteItem('', 'x', 'x', 'top2')])
    index.remote.forgetRoot('r1')
    expect(index.remote.facts('r1')).toEqual([])
    expect(index.remote.folders('r1')).toEqual([])
    expect(paths(index.remote.facts('r2'))).toEqual(['x'])
  })
})
