// Adding a synced root: the folder checked, the project found among the person's accounts, the
// folder's case rules detected and its marker written, then the root remembered in the index.
import { randomUUID } from 'node:crypto'
import type { Settings, SyncMode } from '../../shared'
import { type FrameioClient, type Project, isFrameioError } from '../frameio'
import { detectCaseInsensitive, writeMarker } from '../local'
import type { RootRecord, SyncIndex } from '../sync-index'
import { RootRejected, checkNewRootFolder } from './root-rules'

export interface NewRootRequest {
  projectId: string
  localPath: string
  mode?: SyncMode
  readyAfterSeconds?: number
}

/** The project and the account it lives in, looked for in every account the person has. */
export async function findProject(
  client: FrameioClient,
  projectId: string,
): Promise<{ accountId: string; project: Project }> {
  for await (const account of client.accounts()) {
    try {
      return { accountId: account.id, project: await client.project(account.id, projectId) }
    } catch (error) {
      if (!isFrameioError(error, 'not-found') && !isFrameioError(error, 'forbidden')) throw error
    }
  }
  throw new RootRejected(
    'projectId',
    `No Frame.io project with the id ${projectId} is visible to this account.`,
  )
}

export async function addRoot(
  deps: { index: SyncIndex; client: FrameioClient; settings: Settings },
  request: NewRootRequest,
): Promise<RootRecord> {
  const readyAfterSeconds = request.readyAfterSeconds ?? deps.settings.readyAfterSeconds
  if (!Number.isInteger(readyAfterSeconds) || readyAfterSeconds < 0 || readyAfterSeconds > 86_400) {
    throw new RootRejected(
      'readyAfterSeconds',
      `The readiness window must be a whole number of seconds from 0 to 86400, not ${readyAfterSeconds}.`,
    )
  }
  const existing = deps.index.roots.list().map((root) => root.localPath)
  const localPath = await checkNewRootFolder(request.localPath, existing)
  const { accountId, project } = await findProject(deps.client, request.projectId)
  const id = randomUUID()
  await writeMarker(localPath, id)
  return deps.index.roots.add({
    id,
    localPath,
    accountId,
    workspaceId: project.workspaceId,
    projectId: project.id,
    projectName: project.name,
    rootFolderId: project.rootFolderId,
    mode: request.mode ?? 'two-way',
    readyAfterSeconds,
    caseInsensitive: await detectCaseInsensitive(localPath),
  })
}
