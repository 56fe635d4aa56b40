// Why a sync root's folder cannot be used, in words a person can act on. A root with a problem is
// paused, never read as "everything was deleted" (safety invariant 3).
import { stat } from 'node:fs/promises'

export type RootProblem =
  'missing' | 'not-a-folder' | 'unreadable' | 'marker-missing' | 'marker-damaged' | 'other-root'

export class RootUnavailableError extends Error {
  readonly problem: RootProblem

  constructor(problem: RootProblem, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'RootUnavailableError'
    this.problem = problem
  }
}

export function missingRoot(rootPath: string, cause?: unknown): RootUnavailableError {
  return new RootUnavailableError(
    'missing',
    `The folder ${rootPath} is missing. Reconnect the drive or choose the folder again; nothing was deleted.`,
    { cause },
  )
}

export function notAFolderRoot(rootPath: string): RootUnavailableError {
  return new RootUnavailableError(
    'not-a-folder',
    `${rootPath} is not a folder any more. Choose the folder again; nothing was deleted.`,
  )
}

/** The error a failed open or stat of the root folder itself stands for. */
export function rootAccessError(rootPath: string, error: unknown): RootUnavailableError {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return missingRoot(rootPath, error)
  if (code === 'ENOTDIR') return notAFolderRoot(rootPath)
  const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : String(code ?? error)
  return new RootUnavailableError(
    'unreadable',
    `The folder ${rootPath} cannot be read (${why}). Check that this account may open it; nothing was deleted.`,
    { cause: error },
  )
}

/** Throws the matching `RootUnavailableError` unless the root is there and is a folder. */
export async function assertRootFolder(rootPath: string): Promise<void> {
  const info = await stat(rootPath).catch((error: unknown) => {
    throw rootAccessError(rootPath, error)
  })
  if (!info.isDirectory()) throw notAFolderRoot(rootPath)
}
