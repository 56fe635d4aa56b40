// Checks on a folder before it is synced: it exists, is a folder this user can write to, and is
// neither inside nor around a folder that is already synced.
import { chmod, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { RootRejected, checkNewRootFolder, isWithin } from '../../src/core/engine/root-rules'
import { asUnprivileged, useTempFolders } from './local-temp'

const tempFolder = useTempFolders('root-rules')

async function rejection(promise: Promise<unknown>): Promise<RootRejected> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(RootRejected)
  return error as RootRejected
}

describe('checkNewRootFolder', () => {
  it('answers the real path of a good folder', async () => {
    const folder = await tempFolder()
    expect(await checkNewRootFolder(join(folder, '.'), [])).toBe(folder)
  })

  it('names a missing folder, a file, and a folder this user cannot write to', async () => {
    const folder = await tempFolder()
    await writeFile(join(folder, 'file.txt'), 'x')
    await mkdir(join(folder, 'locked'))
    await chmod(join(folder, 'locked'), 0o555)
    expect((await rejection(checkNewRootFolder(join(folder, 'nope'), []))).message).toBe(
      `The folder ${join(folder, 'nope')} does not exist.`,
    )
    expect((await rejection(checkNewRootFolder(join(folder, 'file.txt'), []))).message).toContain(
      'is not a folder',
    )
    const locked = await asUnprivileged(() =>
      rejection(checkNewRootFolder(join(folder, 'locked'), [])),
    )
    expect(locked.field).toBe('localPath')
    expect(locked.message).toContain('cannot be written to by this user')
  })

  it('refuses the same folder, one inside, and one around a synced folder', async () => {
    const folder = await tempFolder()
    const synced = join(folder, 'synced')
    await mkdir(join(synced, 'inner'), { recursive: true })
    expect((await rejection(checkNewRootFolder(synced, [synced]))).message).toContain(
      'is already synced',
    )
    expect((await rejection(checkNewRootFolder(join(synced, 'inner'), [synced]))).message).toBe(
      `The folder ${join(synced, 'inner')} is inside ${synced}, which is already synced.`,
    )
    expect((await rejection(checkNewRootFolder(folder, [synced]))).message).toBe(
      `The folder ${folder} contains ${synced}, which is already synced.`,
    )
  })
})

describe('isWithin', () => {
  it('tells a child from a sibling whose name starts the same', () => {
    expect(isWithin('/a/b', '/a/b/c')).toBe(true)
    expect(isWithin('/a/b', '/a/b')).toBe(true)
    expect(isWithin('/a/b', '/a/bc')).toBe(false)
    expect(isWithin('/a/b', '/a')).toBe(false)
  })
})
