// Checks on a folder someone wants to sync, before anything is written: it exists, is a folder
// we can write to, and neither lies inside nor contains another synced folder.
import { randomUUID } from 'node:crypto'
import { realpath, stat, unlink, writeFile } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve } from 'node:path'

export class RootRejected extends Error {
  constructor(
    readonly field: 'localPath' | 'projectId' | 'mode' | 'readyAfterSeconds',
    message: string,
  ) {
    super(message)
    this.name = 'RootRejected'
  }
}

/** Whether `inner` is `outer` or lies somewhere beneath it. */
export function isWithin(outer: string, inner: string): boolean {
  const path = relative(outer, inner)
  return path === '' || (!path.startsWith('..') && !isAbsolute(path))
}

/** The folder's real, absolute path once it passes every check. */
export async function checkNewRootFolder(
  requested: string,
  existingRoots: readonly string[],
): Promise<string> {
  const absolute = resolve(requested)
  const info = await stat(absolute).catch(() => null)
  if (!info) throw new RootRejected('localPath', `The folder ${absolute} does not exist.`)
  if (!info.isDirectory()) throw new RootRejected('localPath', `${absolute} is not a folder.`)
  // A real write, not access(): that answers for the real user, not the effective one.
  const probe = join(absolute, `.frameio-sync-probe-${randomUUID()}`)
  try {
    await writeFile(probe, '', { flag: 'wx' })
    await unlink(probe)
  } catch {
    throw new RootRejected(
      'localPath',
      `The folder ${absolute} cannot be written to by this user; choose a folder you own.`,
    )
  }
  const real = await realpath(absolute)
  for (const existing of existingRoots) {
    if (existing === real) {
      throw new RootRejected('localPath', `The folder ${real} is already synced.`)
    }
    if (isWithin(existing, real)) {
      throw new RootRejected(
        'localPath',
        `The folder ${real} is inside ${existing}, which is already synced.`,
      )
    }
    if (isWithin(real, existing)) {
      throw new RootRejected(
        'localPath',
        `The folder ${real} contains ${existing}, which is already synced.`,
      )
    }
  }
  return real
}
