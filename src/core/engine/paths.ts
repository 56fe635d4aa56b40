// Root-relative paths as the engine handles them: '/'-separated, '' for the root itself.
import { join } from 'node:path'

export function parentPath(path: string): string {
  const slash = path.lastIndexOf('/')
  return slash < 0 ? '' : path.slice(0, slash)
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

/** The absolute local path of a root-relative one (its on-disk spelling). */
export function onDisk(rootPath: string, diskPath: string): string {
  return diskPath === '' ? rootPath : join(rootPath, ...diskPath.split('/'))
}

/** One key per local file across roots: the upload journal's and the progress hub's. */
export function transferKey(rootId: string, path: string): string {
  return `${rootId}/${path}`
}

export function splitTransferKey(key: string): { rootId: string; path: string } {
  const slash = key.indexOf('/')
  return { rootId: key.slice(0, slash), path: key.slice(slash + 1) }
}

/** How many folders deep a path is: 0 for an item at the top of the root. */
export function depthOf(path: string): number {
  let depth = 0
  for (const char of path) if (char === '/') depth += 1
  return depth
}
