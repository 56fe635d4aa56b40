// The readiness gate (engine/local-state.ts) on a hand-moved clock: a file is ready only once two
// looks at least the root's window apart saw the same size and mtime, and its mtime is that old.
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { localView, restat, scanLocal } from '../../src/core/engine/local-state'
import { createIgnoreRules } from '../../src/core/local'
import { localFileAt, newRoot, openTestIndex, startMs } from './fakes/sync-index'

const window = 60_000

function setup(readyAfterSeconds = 60) {
  const { index, clock } = openTestIndex()
  const root = index.roots.add(newRoot('r1', { readyAfterSeconds }))
  return { index, clock, root }
}

describe('readiness from what the index saw', () => {
  it('holds a new file for the whole window after it was first seen, then lets it go', () => {
    const { index, root } = setup()
    index.localFiles.put(root.id, localFileAt('a.mov', { mtimeMs: startMs - 3_600_000 }))
    const early = localView(index, root, startMs + window - 1)
    expect(early.facts[0]).toMatchObject({ path: 'a.mov', ready: false })
    expect(early.settling).toEqual([{ path: 'a.mov', readyAt: startMs + window }])
    expect(localView(index, root, startMs + window).facts[0]?.ready).toBe(true)
  })

  it('waits for the mtime to be a window old as well', () => {
    const { index, root } = setup()
    index.localFiles.put(root.id, localFileAt('b.mov', { mtimeMs: startMs + 30_000 }))
    expect(localView(index, root, startMs + window).facts[0]?.ready).toBe(false)
    expect(localView(index, root, startMs + 30_000 + window).facts[0]?.ready).toBe(true)
  })

  it('ignores an mtime in the future (a skewed clock) rather than waiting for it', () => {
    const { index, root } = setup()
    index.localFiles.put(root.id, localFileAt('c.mov', { mtimeMs: startMs + 86_400_000 }))
    expect(localView(index, root, startMs + window).facts[0]?.ready).toBe(true)
  })

  it('treats folders as ready at once, and a window of 0 as no wait', () => {
    const { index, root } = setup(0)
    index.localFiles.put(root.id, localFileAt('d', { kind: 'folder', size: 0 }))
    index.localFiles.put(root.id, localFileAt('e.mov', { size: 0 }))
    const view = localView(index, root, startMs)
    expect(view.facts.map((fact) => [fact.path, fact.ready])).toEqual([
      ['d', true],
      ['e.mov', true],
    ])
    expect(view.settling).toEqual([])
  })
})

describe('looking again at the disk', () => {
  const made: string[] = []
  afterEach(async () => {
    for (const folder of made.splice(0)) await rm(folder, { recursive: true, force: true })
  })

  async function diskRoot() {
    const folder = await mkdtemp(join(tmpdir(), 'readiness-'))
    made.push(folder)
    const { index, clock, root } = setup()
    index.roots.remove(root.id)
    const onDisk = index.roots.add(newRoot('r2', { localPath: folder }))
    return {
      index,
      clock,
      root: onDisk,
      folder,
      ignore: await createIgnoreRules({ rootPath: folder }),
    }
  }

  it('restarts the window when a change is seen, and keeps it when nothing changed', async () => {
    const { index, clock, root, folder, ignore } = await diskRoot()
    const file = join(folder, 'f.mov')
    await writeFile(file, 'one')
    const old = new Date(startMs - 3_600_000)
    await utimes(file, old, old)
    await scanLocal(index, root, ignore, clock.now)
    clock.advance(window / 2)
    await scanLocal(index, root, ignore, clock.now)
    expect(index.localFiles.get(root.id, 'f.mov')?.stableSince).toBe(startMs)

    await writeFile(file, 'one, then more')
    await utimes(file, old, old)
    expect(await restat(index, root, ignore, ['f.mov'], clock.now)).toBe(true)
    expect(index.localFiles.get(root.id, 'f.mov')?.stableSince).toBe(startMs + window / 2)
    clock.advance(window - 1)
    expect(localView(index, root, clock.now()).facts[0]?.ready).toBe(false)
    clock.advance(1)
    expect(await restat(index, root, ignore, ['f.mov'], clock.now)).toBe(false)
    expect(localView(index, root, clock.now()).facts[0]?.ready).toBe(true)
  })

  it('drops a file that vanished and ignores junk the watcher reported', async () => {
    const { index, clock, root, folder, ignore } = await diskRoot()
    await writeFile(join(folder, 'gone.mov'), 'x')
    await writeFile(join(folder, '.DS_Store'), 'junk')
    await scanLocal(index, root, ignore, clock.now)
    await rm(join(folder, 'gone.mov'))
    expect(await restat(index, root, ignore, ['gone.mov', '.DS_Store'], clock.now)).toBe(true)
    expect(index.localFiles.all(root.id)).toEqual([])
  })
})
