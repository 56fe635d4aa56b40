// The Frame.io V4 calls a sync client makes, typed end to end. Creating folders and uploads is
// never blindly repeated: when a create may or may not have happened, the parent is looked at
// first so that a retry cannot leave a duplicate behind.
import type { Got } from 'got'
import type { SecretStore } from '../ports'
import { Auth } from './auth'
import { type CallPacer, RateBudget } from './budget'
import type { FrameioConfig } from './config'
import { FrameioError } from './errors'
import { createHttp } from './http'
import { type RetryPolicy, defaultRetryPolicy } from './retry'
import {
  type RemoteAsset,
  type RemoteFile,
  type RemoteFolder,
  type UploadTarget,
  accountSchema,
  assetSchema,
  fileSchema,
  fileWithLinksSchema,
  fileWithUploadUrlsSchema,
  folderSchema,
  profileSchema,
  projectSchema,
  single,
  uploadStatusSchema,
  workspaceSchema,
} from './schemas'
import { sleep } from './sleep'
import { ApiTransport } from './transport'

export interface ClientOptions {
  config: FrameioConfig
  secrets: SecretStore
  http?: Got
  retry?: RetryPolicy
  now?: () => number
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
}

type Signal = { signal?: AbortSignal }
/** A listing's calls may be paced by the caller too (the remote walker keeps to half the budget). */
type Paced = Signal & { pacer?: CallPacer }

/** How far the service's clock may be from ours when telling our lost placeholder from others. */
const placeholderClockSkewMs = 60_000
const opts = (signal?: AbortSignal) => (signal ? { signal } : {})

export class FrameioClient {
  readonly auth: Auth
  private readonly api: ApiTransport
  private readonly now: () => number

  constructor(options: ClientOptions) {
    const http = options.http ?? createHttp()
    const now = options.now ?? Date.now
    this.now = now
    this.auth = new Auth({ config: options.config, secrets: options.secrets, http, now })
    this.api = new ApiTransport({
      apiUrl: options.config.apiUrl,
      http,
      tokens: this.auth,
      budget: new RateBudget({ now, sleep: options.sleep ?? sleep }),
      retry: options.retry ?? defaultRetryPolicy,
      sleep: options.sleep ?? sleep,
    })
  }

  me({ signal }: Signal = {}) {
    return this.api.request({
      operation: 'users.show',
      method: 'GET',
      path: '/v4/me',
      schema: single(profileSchema),
      ...opts(signal),
    })
  }

  accounts({ signal }: Signal = {}) {
    return this.api.paginate({
      operation: 'accounts.index',
      method: 'GET',
      path: '/v4/accounts',
      query: { page_size: 100 },
      schema: accountSchema,
      ...opts(signal),
    })
  }

  workspaces(accountId: string, { signal }: Signal = {}) {
    return this.api.paginate({
      operation: 'workspaces.index',
      method: 'GET',
      path: `/v4/accounts/${accountId}/workspaces`,
      query: { page_size: 100 },
      schema: workspaceSchema,
      ...opts(signal),
    })
  }

  projects(accountId: string, workspaceId: string, { signal }: Signal = {}) {
    return this.api.paginate({
      operation: 'projects.index',
      method: 'GET',
      path: `/v4/accounts/${accountId}/workspaces/${workspaceId}/projects`,
      query: { page_size: 100 },
      schema: projectSchema,
      ...opts(signal),
    })
  }

  project(accountId: string, projectId: string, { signal }: Signal = {}) {
    return this.api.request({
      operation: 'projects.show',
      method: 'GET',
      path: `/v4/accounts/${accountId}/projects/${projectId}`,
      schema: single(projectSchema),
      ...opts(signal),
    })
  }

  /** Files, folders and version stacks in a folder, all pages. */
  children(
    accountId: string,
    folderId: string,
    { signal, pageSize = 100 }: Signal & { pageSize?: number } = {},
  ): AsyncGenerator<RemoteAsset> {
    return this.api.paginate({
      operation: 'folders.index',
      method: 'GET',
      path: `/v4/accounts/${accountId}/folders/${folderId}/children`,
      query: { page_size: pageSize, include: 'media_links.original' },
      schema: assetSchema,
      ...opts(signal),
    })
  }

  files(
    accountId: string,
    folderId: string,
    { signal, pacer }: Paced = {},
  ): AsyncGenerator<RemoteFile> {
    return this.api.paginate({
      operation: 'files.list',
      method: 'GET',
      path: `/v4/accounts/${accountId}/folders/${folderId}/files`,
      query: { page_size: 100 },
      schema: fileWithLinksSchema,
      ...opts(signal),
      ...(pacer ? { pacer } : {}),
    })
  }

  folders(
    accountId: string,
    folderId: string,
    { signal, pacer }: Paced = {},
  ): AsyncGenerator<RemoteFolder> {
    return this.api.paginate({
      operation: 'folders.list',
      method: 'GET',
      path: `/v4/accounts/${accountId}/folders/${folderId}/folders`,
      query: { page_size: 100 },
      schema: folderSchema,
      ...opts(signal),
      ...(pacer ? { pacer } : {}),
    })
  }

  /** A file with a fresh download address (null until its upload is complete). */
  file(accountId: string, fileId: string, { signal }: Signal = {}) {
    return this.api.request({
      operation: 'files.show',
      method: 'GET',
      path: `/v4/accounts/${accountId}/files/${fileId}`,
      query: { include: 'media_links.original' },
      schema: single(fileWithLinksSchema),
      ...opts(signal),
    })
  }

  uploadStatus(accountId: string, fileId: string, { signal }: Signal = {}) {
    return this.api.request({
      operation: 'files.show_file_upload_status',
      method: 'GET',
      path: `/v4/accounts/${accountId}/files/${fileId}/status`,
      schema: single(uploadStatusSchema),
      ...opts(signal),
    })
  }

  /** Creates a folder, or adopts the one a lost earlier attempt already made. */
  async createFolder(
    accountId: string,
    parentId: string,
    name: string,
    { signal }: Signal = {},
  ): Promise<RemoteFolder> {
    return this.createOnce(
      () =>
        this.api.request({
          operation: 'folders.create',
          method: 'POST',
          path: `/v4/accounts/${accountId}/folders/${parentId}/folders`,
          body: { data: { name } },
          schema: single(folderSchema),
          ...opts(signal),
        }),
      async () => {
        for await (const folder of this.folders(accountId, parentId, opts(signal))) {
          if (folder.name === name) return folder
        }
        return null
      },
    )
  }

  /**
   * Creates a file to upload into. A placeholder left by a lost earlier attempt is deleted first
   * (it has no bytes, and its upload addresses were never seen), so one file results.
   */
  async createUpload(
    accountId: string,
    parentId: string,
    name: string,
    size: number,
    { signal }: Signal = {},
  ): Promise<UploadTarget> {
    let attemptStartedAt = this.now()
    const create = () => {
      attemptStartedAt = this.now()
      return this.api.request({
        operation: 'files.create_local_upload',
        method: 'POST',
        path: `/v4/accounts/${accountId}/folders/${parentId}/files/local_upload`,
        body: { data: { name, file_size: size } },
        schema: single(fileWithUploadUrlsSchema),
        ...opts(signal),
      })
    }
    return this.createOnce(create, async () => {
      const signalOpts = opts(signal)
      await this.deleteLostPlaceholders(
        accountId,
        parentId,
        name,
        size,
        attemptStartedAt,
        signalOpts,
      )
      return null
    })
  }

  /**
   * Deletes empty placeholders of this name and size made since `since` (epoch ms): what a create
   * whose answer was lost left behind. Anything older (another device's upload in progress, say)
   * is left alone.
   */
  async deleteLostPlaceholders(
    accountId: string,
    parentId: string,
    name: string,
    size: number,
    since: number,
    { signal }: Signal = {},
  ): Promise<void> {
    const after = since - placeholderClockSkewMs
    for await (const file of this.files(accountId, parentId, opts(signal))) {
      const ours = file.name === name && file.size === size && file.status === 'created'
      if (ours && Date.parse(file.createdAt) >= after)
        await this.deleteFile(accountId, file.id, opts(signal))
    }
  }

  /**
   * Runs a create; if its outcome is unknown, asks `find` whether it happened before trying again.
   * `find` returns what the lost attempt made (to adopt) or null (nothing usable: create anew).
   */
  private async createOnce<T>(
    create: () => Promise<T>,
    find: () => Promise<T | null>,
    attempts = 3,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await create()
      } catch (error) {
        if (!(error instanceof FrameioError) || !error.outcomeUnknown || attempt >= attempts)
          throw error
        const existing = await find()
        if (existing) return existing
      }
    }
  }

  rename(
    accountId: string,
    asset: { type: 'file' | 'folder'; id: string },
    name: string,
    { signal }: Signal = {},
  ) {
    const folder = asset.type === 'folder'
    return this.api.request({
      operation: folder ? 'folders.update' : 'files.update',
      method: 'PATCH',
      path: `/v4/accounts/${accountId}/${folder ? 'folders' : 'files'}/${asset.id}`,
      body: { data: { name } },
      schema: single(folder ? folderSchema : fileSchema) as ReturnType<
        typeof single<typeof fileSchema | typeof folderSchema>
      >,
      ...opts(signal),
    })
  }

  move(
    accountId: string,
    asset: { type: 'file' | 'folder'; id: string },
    parentId: string,
    { signal }: Signal = {},
  ) {
    const folder = asset.type === 'folder'
    return this.api.request({
      operation: folder ? 'folders.move' : 'files.move',
      method: 'PATCH',
      path: `/v4/accounts/${accountId}/${folder ? 'folders' : 'files'}/${asset.id}/move`,
      body: { data: { parent_id: parentId } },
      schema: single(folder ? folderSchema : fileSchema) as ReturnType<
        typeof single<typeof fileSchema | typeof folderSchema>
      >,
      ...opts(signal),
    })
  }

  deleteFile(accountId: string, fileId: string, { signal }: Signal = {}): Promise<void> {
    return this.api.request({
      operation: 'files.delete',
      method: 'DELETE',
      path: `/v4/accounts/${accountId}/files/${fileId}`,
      ...opts(signal),
    })
  }

  deleteFolder(accountId: string, folderId: string, { signal }: Signal = {}): Promise<void> {
    return this.api.request({
      operation: 'folders.delete',
      method: 'DELETE',
      path: `/v4/accounts/${accountId}/folders/${folderId}`,
      ...opts(signal),
    })
  }
}
