// The V4 REST routes a sync client uses, each named by its operationId in the official spec:
// identity, listings, files and folders, upload creation, rename, move and delete.
import { HttpError } from './http.ts'
import {
  type EmulatedAsset,
  type EmulatedFile,
  type EmulatedFolder,
  type EmulatedUser,
  type World,
  timestamp,
} from './model.ts'
import { paginate } from './paging.ts'
import * as render from './serialize.ts'
import type { SerializeContext } from './serialize.ts'
import { partSizes } from './storage.ts'

export interface RouteContext {
  params: Record<string, string>
  query: URLSearchParams
  body: unknown
  user: EmulatedUser
  world: World
  path: string
  serialize: SerializeContext
  partSize: number
  uploadUrl(file: EmulatedFile, index: number): string
  removeBytes(fileId: string): void
}

export interface RouteResult {
  status: number
  body?: unknown
}

export interface Route {
  method: string
  pattern: string
  operationId: string
  handle(context: RouteContext): RouteResult
}

const maxFileSize = 5_000_000_000_000

/** The `data` object of a write request, refusing unknown and missing fields with 422. */
function dataOf(body: unknown, allowed: string[], required: string[]): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(422, 'the request body must be a JSON object with a data member', '/data')
  }
  const unknownTop = Object.keys(body).find((key) => key !== 'data')
  if (unknownTop) throw new HttpError(422, `unknown field "${unknownTop}"`, `/${unknownTop}`)
  const data = (body as { data?: unknown }).data
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new HttpError(422, 'data must be an object', '/data')
  }
  const unknown = Object.keys(data).find((key) => !allowed.includes(key))
  if (unknown) throw new HttpError(422, `unknown field "${unknown}"`, `/data/${unknown}`)
  const missing = required.find((key) => !(key in data))
  if (missing) throw new HttpError(422, `${missing} is required`, `/data/${missing}`)
  return data as Record<string, unknown>
}

function nameOf(data: Record<string, unknown>): string {
  const name = data['name']
  if (typeof name !== 'string' || name.length < 1 || name.length > 255) {
    throw new HttpError(422, 'name must be a string of 1 to 255 characters', '/data/name')
  }
  return name
}

function requireAccount(context: RouteContext): string {
  const accountId = context.params['account_id']!
  if (!context.user.accountIds.includes(accountId) || !context.world.accounts.has(accountId)) {
    throw new HttpError(404, `account ${accountId} not found`)
  }
  return accountId
}

function requireAsset<T extends EmulatedAsset['type']>(
  context: RouteContext,
  id: string,
  type: T,
): Extract<EmulatedAsset, { type: T }> {
  const accountId = requireAccount(context)
  const asset = context.world.assets.get(id)
  if (!asset || asset.accountId !== accountId || asset.type !== type) {
    throw new HttpError(404, `${type} ${id} not found`)
  }
  return asset as Extract<EmulatedAsset, { type: T }>
}

function touch(asset: EmulatedAsset): void {
  asset.updatedAt = timestamp()
}

function isRootFolder(folder: EmulatedFolder): boolean {
  return folder.parentId === null
}

function place(context: RouteContext, parent: EmulatedFolder) {
  return {
    accountId: parent.accountId,
    projectId: parent.projectId,
    parentId: parent.id,
    creatorId: context.user.id,
  }
}

function move(context: RouteContext, asset: EmulatedAsset): void {
  const data = dataOf(context.body, ['parent_id'], ['parent_id'])
  const parentId = data['parent_id']
  if (typeof parentId !== 'string')
    throw new HttpError(422, 'parent_id must be a folder id', '/data/parent_id')
  const target = context.world.assets.get(parentId)
  if (!target || target.type !== 'folder' || target.accountId !== asset.accountId) {
    throw new HttpError(404, `folder ${parentId} not found`)
  }
  if (target.projectId !== asset.projectId) {
    throw new HttpError(422, 'cannot move between projects', '/data/parent_id')
  }
  if (asset.type === 'folder' && context.world.isInside(target.id, asset.id)) {
    throw new HttpError(422, 'cannot move a folder into itself', '/data/parent_id')
  }
  asset.parentId = target.id
  touch(asset)
}

function rename(context: RouteContext, asset: EmulatedAsset): void {
  asset.name = nameOf(dataOf(context.body, ['name'], ['name']))
  touch(asset)
}

function remove(context: RouteContext, asset: EmulatedAsset): void {
  const doomed = asset.type === 'folder' ? [...context.world.subtree(asset.id), asset] : [asset]
  for (const each of doomed) {
    context.world.assets.delete(each.id)
    if (each.type === 'file') context.removeBytes(each.id)
  }
}

function listing(context: RouteContext, items: EmulatedAsset[], maxPageSize = 500) {
  return paginate(items, context.query, context.path, maxPageSize, (asset) =>
    render.assetWithIncludes(asset, context.serialize),
  )
}

/** `GET .../folders/{id}/files` and `.../folders`: the children of one type. */
function typedListing(operationId: string, segment: string, type: EmulatedAsset['type']): Route {
  return {
    method: 'GET',
    pattern: `/v4/accounts/{account_id}/folders/{folder_id}/${segment}`,
    operationId,
    handle: (context) => {
      const folder = requireAsset(context, context.params['folder_id']!, 'folder')
      const children = context.world.children(folder.id).filter((child) => child.type === type)
      return { status: 200, body: listing(context, children) }
    },
  }
}

export const routes: Route[] = [
  {
    method: 'GET',
    pattern: '/v4/me',
    operationId: 'users.show',
    handle: (context) => ({ status: 200, body: { data: render.profile(context.user) } }),
  },
  {
    method: 'GET',
    pattern: '/v4/accounts',
    operationId: 'accounts.index',
    handle: (context) => {
      const accounts = context.user.accountIds.flatMap((id) => context.world.accounts.get(id) ?? [])
      const usage = (accountId: string) =>
        [...context.world.assets.values()].reduce(
          (sum, asset) =>
            sum + (asset.type === 'file' && asset.accountId === accountId ? asset.fileSize : 0),
          0,
        )
      const page = paginate(accounts, context.query, context.path, 100, (account) =>
        render.account(account, usage(account.id)),
      )
      return { status: 200, body: page }
    },
  },
  {
    method: 'GET',
    pattern: '/v4/accounts/{account_id}/workspaces',
    operationId: 'workspaces.index',
    handle: (context) => {
      const accountId = requireAccount(context)
      const workspaces = [...context.world.workspaces.values()].filter(
        (each) => each.accountId === accountId,
      )
      return {
        status: 200,
        body: paginate(workspaces, context.query, context.path, 100, render.workspace),
      }
    },
  },
  {
    method: 'GET',
    pattern: '/v4/accounts/{account_id}/workspaces/{workspace_id}/projects',
    operationId: 'projects.index',
    handle: (context) => {
      const accountId = requireAccount(context)
      const workspace = context.world.workspaces.get(context.params['workspace_id']!)
      if (!workspace || workspace.accountId !== accountId) {
        throw new HttpError(404, `workspace ${context.params['workspace_id']} not found`)
      }
      const projects = [...context.world.projects.values()].filter(
        (each) => each.workspaceId === workspace.id,
      )
      const page = paginate(projects, context.query, context.path, 100, (project) =>
        render.project(project, context.serialize),
      )
      return { status: 200, body: page }
    },
  },
  {
    method: 'GET',
    pattern: '/v4/accounts/{account_id}/projects/{project_id}',
    operationId: 'projects.show',
    handle: (context) => {
      const accountId = requireAccount(context)
      const project = context.world.projects.get(context.params['project_id']!)
      if (!project || project.accountId !== accountId) {
        throw new HttpError(404, `project ${context.params['project_id']} not found`)
      }
      return { status: 200, body: { data: render.project(project, context.serialize) } }
    },
  },
  {
    method: 'GET',
    pattern: '/v4/accounts/{account_id}/folders/{folder_id}/children',
    operationId: 'folders.index',
    handle: (context) => {
      const folder = requireAsset(context, context.params['folder_id']!, 'folder')
      const types = context.query.get('type')?.split(',')
      const children = context.world
        .children(folder.id)
        .filter((child) => !types || types.includes(child.type))
      return { status: 200, body: listing(context, children) }
    },
  },
  typedListing('files.list', 'files', 'file'),
  typedListing('folders.list', 'folders', 'folder'),
  {
    method: 'GET',
    pattern: '/v4/accounts/{account_id}/folders/{folder_id}',
    operationId: 'folders.show',
    handle: (context) => {
      const folder = requireAsset(context, context.params['folder_id']!, 'folder')
      return { status: 200, body: { data: render.folderWithIncludes(folder, context.serialize) } }
    },
  },
  {
    method: 'POST',
    pattern: '/v4/accounts/{account_id}/folders/{folder_id}/folders',
    operationId: 'folders.create',
    handle: (context) => {
      const parent = requireAsset(context, context.params['folder_id']!, 'folder')
      const name = nameOf(dataOf(context.body, ['name'], ['name']))
      const folder = context.world.addFolder(place(context, parent), name)
      return { status: 201, body: { data: render.folder(folder, context.serialize) } }
    },
  },
  {
    method: 'GET',
    pattern: '/v4/accounts/{account_id}/files/{file_id}',
    operationId: 'files.show',
    handle: (context) => {
      const file = requireAsset(context, context.params['file_id']!, 'file')
      return { status: 200, body: { data: render.fileWithIncludes(file, context.serialize) } }
    },
  },
  {
    method: 'GET',
    pattern: '/v4/accounts/{account_id}/files/{file_id}/status',
    operationId: 'files.show_file_upload_status',
    handle: (context) => {
      const file = requireAsset(context, context.params['file_id']!, 'file')
      return { status: 200, body: { data: render.uploadStatus(file) } }
    },
  },
  {
    method: 'POST',
    pattern: '/v4/accounts/{account_id}/folders/{folder_id}/files/local_upload',
    operationId: 'files.create_local_upload',
    handle: (context) => {
      const parent = requireAsset(context, context.params['folder_id']!, 'folder')
      const data = dataOf(context.body, ['name', 'file_size'], ['name', 'file_size'])
      const name = nameOf(data)
      const size = data['file_size']
      if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > maxFileSize) {
        throw new HttpError(
          422,
          `file_size must be a whole number from 1 to ${maxFileSize}`,
          '/data/file_size',
        )
      }
      const file = context.world.addFile(
        place(context, parent),
        name,
        partSizes(size, context.partSize),
      )
      const uploadUrls = file.parts.map((part, index) => ({
        size: part.size,
        url: context.uploadUrl(file, index),
      }))
      return {
        status: 201,
        body: { data: { ...render.file(file, context.serialize), upload_urls: uploadUrls } },
      }
    },
  },
  {
    method: 'PATCH',
    pattern: '/v4/accounts/{account_id}/files/{file_id}',
    operationId: 'files.update',
    handle: (context) => {
      const file = requireAsset(context, context.params['file_id']!, 'file')
      rename(context, file)
      return { status: 200, body: { data: render.file(file, context.serialize) } }
    },
  },
  {
    method: 'PATCH',
    pattern: '/v4/accounts/{account_id}/files/{file_id}/move',
    operationId: 'files.move',
    handle: (context) => {
      const file = requireAsset(context, context.params['file_id']!, 'file')
      move(context, file)
      return { status: 200, body: { data: render.file(file, context.serialize) } }
    },
  },
  {
    method: 'DELETE',
    pattern: '/v4/accounts/{account_id}/files/{file_id}',
    operationId: 'files.delete',
    handle: (context) => {
      remove(context, requireAsset(context, context.params['file_id']!, 'file'))
      return { status: 204 }
    },
  },
  {
    method: 'PATCH',
    pattern: '/v4/accounts/{account_id}/folders/{folder_id}',
    operationId: 'folders.update',
    handle: (context) => {
      const folder = requireAsset(context, context.params['folder_id']!, 'folder')
      if (isRootFolder(folder)) throw new HttpError(422, 'the root folder cannot be renamed')
      rename(context, folder)
      return { status: 200, body: { data: render.folder(folder, context.serialize) } }
    },
  },
  {
    method: 'PATCH',
    pattern: '/v4/accounts/{account_id}/folders/{folder_id}/move',
    operationId: 'folders.move',
    handle: (context) => {
      const folder = requireAsset(context, context.params['folder_id']!, 'folder')
      if (isRootFolder(folder)) throw new HttpError(422, 'the root folder cannot be moved')
      move(context, folder)
      return { status: 200, body: { data: render.folder(folder, context.serialize) } }
    },
  },
  {
    method: 'DELETE',
    pattern: '/v4/accounts/{account_id}/folders/{folder_id}',
    operationId: 'folders.delete',
    handle: (context) => {
      const folder = requireAsset(context, context.params['folder_id']!, 'folder')
      if (isRootFolder(folder)) throw new HttpError(422, 'the root folder cannot be deleted')
      remove(context, folder)
      return { status: 204 }
    },
  },
]
