// The control API under /_emulator/ (never under /v4): seed, mint tokens, dump the tree, inject
// faults, change settings, read the request log, reset. Documented in README.md beside this file.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createHash } from 'node:crypto'
import type { BlobStore } from './blobs.ts'
import type { FaultInjector, FaultRule } from './faults.ts'
import { HttpError, matchPath, readJsonBody, sendJson } from './http.ts'
import type { EmulatedAsset, World } from './model.ts'
import type { Settings } from './options.ts'
import { type Seeded, type SeedProject, type SeedSpec, seedIntoProject, seedWorld } from './seed.ts'
import type { TokenStore } from './tokens.ts'

/** Every request but control ones, API, sign-in and storage alike, once answered. */
export interface LoggedRequest {
  method: string
  path: string
  operationId: string | null
  status: number
}

export interface TreeNode {
  id: string
  name: string
  type: 'folder' | 'file'
  size?: number
  status?: string
  md5?: string | null
  children?: TreeNode[]
}

export interface ControlDeps {
  world: World
  blobs: BlobStore
  tokens: TokenStore
  faults: FaultInjector
  settings: Settings
  log: LoggedRequest[]
  reset(): Promise<void>
}

async function contentMd5(blobs: BlobStore, asset: EmulatedAsset): Promise<string | null> {
  if (asset.type !== 'file' || asset.parts.some((part) => part.md5 === null)) return null
  const hash = createHash('md5')
  const sizes = asset.parts.map((part) => part.size)
  if (asset.fileSize > 0) {
    for await (const chunk of blobs.read(asset.id, sizes, { start: 0, end: asset.fileSize - 1 })) {
      hash.update(chunk as Buffer)
    }
  }
  return hash.digest('hex')
}

async function node(deps: ControlDeps, asset: EmulatedAsset): Promise<TreeNode> {
  if (asset.type === 'file') {
    return {
      id: asset.id,
      name: asset.name,
      type: 'file',
      size: asset.fileSize,
      status: asset.status,
      md5: await contentMd5(deps.blobs, asset),
    }
  }
  const children = await Promise.all(
    deps.world.children(asset.id).map((child) => node(deps, child)),
  )
  return { id: asset.id, name: asset.name, type: 'folder', children }
}

/** Everything in the world, nested, with sizes and content hashes. */
export async function dumpTree(deps: ControlDeps) {
  const { world } = deps
  return Promise.all(
    [...world.accounts.values()].map(async (account) => ({
      id: account.id,
      name: account.displayName,
      workspaces: await Promise.all(
        [...world.workspaces.values()]
          .filter((workspace) => workspace.accountId === account.id)
          .map(async (workspace) => ({
            id: workspace.id,
            name: workspace.name,
            projects: await Promise.all(
              [...world.projects.values()]
                .filter((project) => project.workspaceId === workspace.id)
                .map(async (project) => ({
                  id: project.id,
                  name: project.name,
                  root: await node(deps, world.assets.get(project.rootFolderId)!),
                })),
            ),
          })),
      ),
    })),
  )
}

/** Folders and finished files added to a project that exists, as if uploaded in Frame.io. */
export function seedProjectContents(
  deps: ControlDeps,
  projectId: string,
  spec: Pick<SeedProject, 'folders' | 'files'>,
) {
  return seedIntoProject(deps.world, deps.blobs, deps.settings.partSize, projectId, spec)
}

export function seed(deps: ControlDeps, spec: SeedSpec): Promise<Seeded> {
  return seedWorld(deps.world, deps.blobs, deps.settings.partSize, spec)
}

/** An access token for a user (the first one when none is named), as a signed-in client holds. */
export function mintToken(deps: ControlDeps, userId?: string, ttlMs?: number): string {
  const user = userId ? deps.world.users.get(userId) : deps.world.users.values().next().value
  if (!user)
    throw new HttpError(404, userId ? `user ${userId} not found` : 'the emulator has no user yet')
  const clientId = deps.settings.clients[0]?.clientId ?? 'emulator'
  return deps.tokens.mintAccess(user.id, clientId, ttlMs ?? deps.settings.accessTokenTtlMs)
}

function asRules(body: unknown): FaultRule[] {
  const rules = Array.isArray(body) ? body : ((body as { rules?: unknown })?.rules ?? [body])
  if (
    !Array.isArray(rules) ||
    rules.some((rule) => typeof rule?.match !== 'string' || typeof rule?.kind !== 'string')
  ) {
    throw new HttpError(422, 'a fault rule needs "match" (a regular expression) and "kind"')
  }
  return rules as FaultRule[]
}

export async function handleControl(
  deps: ControlDeps,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const route = `${request.method} ${url.pathname}`
  const body =
    request.method === 'GET' || request.method === 'DELETE'
      ? undefined
      : await readJsonBody(request)
  const user = matchPath('/_emulator/users/{user_id}', url.pathname)
  const contents = matchPath('/_emulator/projects/{project_id}/contents', url.pathname)
  if (contents && request.method === 'POST') {
    const spec = (body ?? {}) as Pick<SeedProject, 'folders' | 'files'>
    const added = await seedProjectContents(deps, contents['project_id']!, spec).catch(
      (error: Error) => {
        throw new HttpError(404, error.message)
      },
    )
    return sendJson(response, 201, added)
  }
  if (route === 'POST /_emulator/reset') {
    await deps.reset()
    return sendJson(response, 200, { ok: true })
  }
  if (route === 'POST /_emulator/seed')
    return sendJson(response, 201, await seed(deps, body as SeedSpec))
  if (route === 'POST /_emulator/tokens') {
    const { user_id: userId, ttl_ms: ttlMs } = (body ?? {}) as { user_id?: string; ttl_ms?: number }
    return sendJson(response, 201, { access_token: mintToken(deps, userId, ttlMs) })
  }
  if (route === 'GET /_emulator/tree')
    return sendJson(response, 200, { accounts: await dumpTree(deps) })
  if (route === 'POST /_emulator/faults') {
    return sendJson(response, 201, { ids: asRules(body).map((rule) => deps.faults.add(rule)) })
  }
  if (route === 'DELETE /_emulator/faults') {
    deps.faults.clear()
    return sendJson(response, 200, { ok: true })
  }
  if (route === 'PATCH /_emulator/settings') {
    const changes = (body ?? {}) as Record<string, unknown>
    for (const [name, value] of Object.entries(changes)) {
      const current: unknown = (deps.settings as Record<string, unknown>)[name]
      if (current === undefined) throw new HttpError(422, `unknown setting "${name}"`)
      if (
        typeof value !== typeof current ||
        (typeof value === 'number' && !Number.isFinite(value))
      ) {
        throw new HttpError(422, `${name} must be a ${typeof current}`)
      }
      if (name === 'partSize' && (value as number) < 1)
        throw new HttpError(422, 'partSize must be at least 1')
    }
    Object.assign(deps.settings, changes)
    return sendJson(response, 200, deps.settings)
  }
  if (route === 'GET /_emulator/requests') return sendJson(response, 200, { requests: deps.log })
  if (route === 'DELETE /_emulator/requests') {
    deps.log.length = 0
    return sendJson(response, 200, { ok: true })
  }
  if (user && request.method === 'PATCH') {
    const person = deps.world.users.get(user['user_id']!)
    if (!person) throw new HttpError(404, `user ${user['user_id']} not found`)
    const { linked_to_adobe: linked } = (body ?? {}) as { linked_to_adobe?: boolean }
    if (typeof linked === 'boolean') person.linkedToAdobe = linked
    return sendJson(response, 200, { id: person.id, linked_to_adobe: person.linkedToAdobe })
  }
  throw new HttpError(404, `no control route ${route}`)
}
