// Root safety: the marker is written in one step, and checkRoot gives a distinct, plain reason for
// a missing folder, a file in its place, an unreadable folder, a missing, damaged or foreign marker.
import { chmod, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  checkRoot,
  markerPathFor,
  type RootCheck,
  RootUnavailableError,
  writeMarker,
} from '../../src/core/local'
import { asUnprivileged, useTempFolders } from './local-temp'

const tempFolder = useTempFolders('local-marker')

async function markedRoot(rootId = 'root-1'): Promise<string> {
  const root = await tempFolder()
  await writeMarker(root, rootId)
  return root
}

function reasonOf(check: RootCheck): string {
  if (check.ok) throw new Error('expected the check to fail')
  return check.reason
}

describe('writeMarker', () => {
  it('writes root.json with the root id and time, leaving no temporary file', async () => {
    const before = Date.now()
    const root = await markedRoot('root-7')
    expect(markerPathFor(root)).toBe(join(root, '.frameio-sync', 'root.json'))
    const marker = JSON.parse(await readFile(markerPathFor(root), 'utf8')) as Record<string, string>
    expect(marker['rootId']).toBe('root-7')
    expect(Date.parse(marker['createdAt'] ?? '')).toBeGreaterThanOrEqual(before - 1000)
    expect(await readdir(join(root, '.frameio-sync'))).toEqual(['root.json'])
  })

  it('replaces an earlier marker', async () => {
    const root = await markedRoot('old')
    await writeMarker(root, 'new')
    expect(await checkRoot(root, 'new')).toEqual({ ok: true })
    expect(await readdir(join(root, '.frameio-sync'))).toEqual(['root.json'])
  })

  it('does not create a missing root', async () => {
    const missing = join(await tempFolder(), 'unplugged')
    await expect(writeMarker(missing, 'root-1')).rejects.toBeInstanceOf(RootUnavailableError)
    await expect(readdir(missing)).rejects.toMatchObject({ code: 'ENOENT' })
  })
})

describe('checkRoot', () => {
  it('accepts a marked root', async () => {
    expect(await checkRoot(await markedRoot(), 'root-1')).toEqual({ ok: true })
  })

  it('gives each problem its own plain reason', async () => {
    const parent = await tempFolder()
    const missing = join(parent, 'unplugged')

    const aFile = join(parent, 'a-file')
    await writeFile(aFile, 'x')

    const locked = await markedRoot()
    await chmod(locked, 0o000)

    const unmarked = join(parent, 'empty-mount-point')
    await mkdir(unmarked)

    const damaged = await markedRoot()
    await writeFile(markerPathFor(damaged), '{"rootId": ')

    const foreign = await markedRoot('someone-else')

    let unreadable: RootCheck
    try {
      unreadable = await asUnprivileged(() => checkRoot(locked, 'root-1'))
    } finally {
      await chmod(locked, 0o755)
    }
    const checks = {
      missing: await checkRoot(missing, 'root-1'),
      notAFolder: await checkRoot(aFile, 'root-1'),
      unreadable,
      markerMissing: await checkRoot(unmarked, 'root-1'),
      markerDamaged: await checkRoot(damaged, 'root-1'),
      otherRoot: await checkRoot(foreign, 'root-1'),
    }

    expect(checks.missing).toEqual({
      ok: false,
      problem: 'missing',
      reason: `The folder ${missing} is missing. Reconnect the drive or choose the folder again; nothing was deleted.`,
    })
    expect(checks.notAFolder).toMatchObject({ ok: false, problem: 'not-a-folder' })
    expect(reasonOf(checks.notAFolder)).toBe(
      `${aFile} is not a folder any more. Choose the folder again; nothing was deleted.`,
    )
    expect(checks.unreadable).toMatchObject({ ok: false, problem: 'unreadable' })
    expect(reasonOf(checks.unreadable)).toBe(
      `The folder ${locked} cannot be read (permission denied). Check that this account may open it; nothing was deleted.`,
    )
    expect(checks.markerMissing).toMatchObject({ ok: false, problem: 'marker-missing' })
    expect(reasonOf(checks.markerMissing)).toContain(`The folder ${unmarked} is not the one`)
    expect(checks.markerDamaged).toMatchObject({ ok: false, problem: 'marker-damaged' })
    expect(reasonOf(checks.markerDamaged)).toContain(
      `The marker ${markerPathFor(damaged)} is damaged`,
    )
    expect(checks.otherRoot).toMatchObject({ ok: false, problem: 'other-root' })
    expect(reasonOf(checks.otherRoot)).toContain('belonging to a different synced folder')

    const reasons = Object.values(checks).map(reasonOf)
    expect(new Set(reasons).size).toBe(reasons.length)
    for (const reason of reasons) expect(reason).toMatch(/nothing was deleted/i)
  })

  it('treats a marker of the wrong shape as damaged', async () => {
    const root = await markedRoot()
    await writeFile(markerPathFor(root), JSON.stringify({ id: 'root-1' }))
    expect(await checkRoot(root, 'root-1')).toMatchObject({ ok: false, problem: 'marker-damaged' })
    await rm(markerPathFor(root))
    await mkdir(markerPathFor(root))
    expect(await checkRoot(root, 'root-1')).toMatchObject({ ok: false, problem: 'marker-damaged' })
  })
})
