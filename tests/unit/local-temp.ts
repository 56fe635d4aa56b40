// Temporary folders for the local-side tests, removed after each test, and a way to meet
// permission errors even when the tests run as root.
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'

/** Call at the top of a test file; the answer makes a fresh folder that is removed afterwards. */
export function useTempFolders(prefix: string): () => Promise<string> {
  const made: string[] = []
  afterEach(async () => {
    for (const folder of made.splice(0)) await rm(folder, { recursive: true, force: true })
  })
  return async () => {
    const folder = await mkdtemp(join(tmpdir(), `${prefix}-`))
    // Traversable by others, so `asUnprivileged` can reach what is inside.
    await chmod(folder, 0o755)
    made.push(folder)
    return folder
  }
}

const nobody = 65534

/**
 * Runs `work` as a user whom permissions apply to. Root reads a chmod 000 folder anyway, so when
 * running as root the effective user becomes nobody meanwhile; seteuid is reversible because the
 * real and saved ids stay root. Tests in one file run one at a time, so nothing else is affected.
 */
export async function asUnprivileged<T>(work: () => Promise<T>): Promise<T> {
  if (process.getuid?.() !== 0 || !process.seteuid || !process.setegid) return work()
  process.setegid(nobody)
  process.seteuid(nobody)
  try {
    return await work()
  } finally {
    process.seteuid(0)
    process.setegid(0)
  }
}
