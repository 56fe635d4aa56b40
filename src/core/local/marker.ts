// Root safety: a marker file inside the root's state folder names the synced root it belongs to,
// so a swapped drive, an empty mount point or a moved folder pauses the root instead of syncing.
import { randomBytes } from 'node:crypto'
import { mkdir, open, opendir, readFile, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { stateFolderName } from '../transfer/download'
import {
  assertRootFolder,
  rootAccessError,
  type RootProblem,
  RootUnavailableError,
} from './root-problem'

const markerSchema = z.object({ rootId: z.string().min(1), createdAt: z.string() })
export type RootMarker = z.infer<typeof markerSchema>

export function markerPathFor(rootPath: string): string {
  return join(rootPath, stateFolderName, 'root.json')
}

/** Writes the marker in one step (a temporary file renamed over it), creating the state folder. */
export async function writeMarker(rootPath: string, rootId: string): Promise<void> {
  await assertRootFolder(rootPath)
  const stateFolder = join(rootPath, stateFolderName)
  await mkdir(stateFolder, { recursive: true })
  const target = markerPathFor(rootPath)
  const temp = join(stateFolder, `root.json.${randomBytes(6).toString('hex')}.tmp`)
  const marker: RootMarker = { rootId, createdAt: new Date().toISOString() }
  try {
    const handle = await open(temp, 'wx')
    try {
      await handle.writeFile(`${JSON.stringify(marker, null, 2)}\n`)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, target)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

export type RootCheck = { ok: true } | { ok: false; problem: RootProblem; reason: string }

function refused(error: RootUnavailableError): RootCheck {
  return { ok: false, problem: error.problem, reason: error.message }
}

/**
 * Whether the root's folder is there, readable, and marked as this root's. Each failure has its
 * own problem and a reason a person can act on; none of them means anything was deleted.
 */
export async function checkRoot(rootPath: string, rootId: string): Promise<RootCheck> {
  try {
    await assertRootFolder(rootPath)
    const dir = await opendir(rootPath)
    try {
      await dir.read()
    } finally {
      await dir.close()
    }
  } catch (error) {
    return refused(error instanceof RootUnavailableError ? error : rootAccessError(rootPath, error))
  }
  const markerPath = markerPathFor(rootPath)
  let text: string
  try {
    text = await readFile(markerPath, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      return markerDamaged(markerPath, `it cannot be read: ${(error as Error).message}`)
    }
    return {
      ok: false,
      problem: 'marker-missing',
      reason:
        `The folder ${rootPath} is not the one that was set up for syncing (its marker ` +
        `${markerPath} is missing). If it is on a drive, reconnect the right drive; otherwise ` +
        'choose the folder again. Nothing was deleted.',
    }
  }
  let marker: RootMarker
  try {
    marker = markerSchema.parse(JSON.parse(text))
  } catch {
    return markerDamaged(markerPath, 'it is not a valid marker')
  }
  if (marker.rootId !== rootId) {
    return {
      ok: false,
      problem: 'other-root',
      reason:
        `The folder ${rootPath} is marked as belonging to a different synced folder, so it was ` +
        'not synced here. Choose the right folder again. Nothing was deleted.',
    }
  }
  return { ok: true }
}

function markerDamaged(markerPath: string, why: string): RootCheck {
  return {
    ok: false,
    problem: 'marker-damaged',
    reason: `The marker ${markerPath} is damaged (${why}). Choose the folder again to rewrite it; nothing was deleted.`,
  }
}
