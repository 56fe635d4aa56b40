// The shapes the client relies on in Frame.io's answers, and only those fields, as the engine
// wants them (camelCase). Anything else may change without breaking us; a missing or mistyped
// field we use becomes an `unexpected-response` error at the edge. Held against the official spec
// by the contract tests.
import { z } from 'zod'

const id = z.string().min(1)
const isoTime = z.string()

export const profileSchema = z
  .object({ id, name: z.string().nullable(), email: z.string() })
  .transform((user) => ({ id: user.id, name: user.name ?? user.email, email: user.email }))

export const accountSchema = z
  .object({ id, display_name: z.string() })
  .transform((account) => ({ id: account.id, name: account.display_name }))

export const workspaceSchema = z
  .object({ id, name: z.string(), account_id: id })
  .transform((workspace) => ({
    id: workspace.id,
    name: workspace.name,
    accountId: workspace.account_id,
  }))

export const projectSchema = z
  .object({ id, name: z.string(), root_folder_id: id, workspace_id: id, view_url: z.string() })
  .transform((project) => ({
    id: project.id,
    name: project.name,
    rootFolderId: project.root_folder_id,
    workspaceId: project.workspace_id,
    /** The project in the Frame.io web app. */
    viewUrl: project.view_url,
  }))

const fileFields = {
  id,
  name: z.string(),
  type: z.literal('file'),
  parent_id: id.nullable(),
  project_id: id,
  file_size: z.number().int().nonnegative(),
  media_type: z.string().nullable(),
  status: z.enum(['created', 'uploaded', 'transcoded']),
  created_at: isoTime,
  updated_at: isoTime,
}

/** What `include=media_links.original` adds to a file (only answers with includes have it). */
const linkFields = {
  media_links: z
    .object({ original: z.object({ download_url: z.string().nullable() }).optional() })
    .optional(),
}

type RawFile = z.infer<z.ZodObject<typeof fileFields>> &
  Partial<z.infer<z.ZodObject<typeof linkFields>>>

function toRemoteFile(file: RawFile) {
  return {
    type: 'file' as const,
    id: file.id,
    name: file.name,
    parentId: file.parent_id,
    projectId: file.project_id,
    size: file.file_size,
    mediaType: file.media_type,
    status: file.status,
    createdAt: file.created_at,
    updatedAt: file.updated_at,
    /** Present only when asked for with include=media_links.original; null until ready. */
    downloadUrl: file.media_links?.original?.download_url,
  }
}

/** A file as rename, move and upload creation answer it. */
export const fileSchema = z.object(fileFields).transform(toRemoteFile)

/** A file as show and listings answer it, with its download address when asked for. */
export const fileWithLinksSchema = z
  .object({ ...fileFields, ...linkFields })
  .transform(toRemoteFile)

const folderFields = {
  id,
  name: z.string(),
  type: z.literal('folder'),
  parent_id: id.nullable(),
  project_id: id,
  created_at: isoTime,
  updated_at: isoTime,
}

export const folderSchema = z.object(folderFields).transform((folder) => ({
  type: 'folder' as const,
  id: folder.id,
  name: folder.name,
  parentId: folder.parent_id,
  projectId: folder.project_id,
  createdAt: folder.created_at,
  updatedAt: folder.updated_at,
}))

/** Version stacks are listed so the engine can report them; their contents sync in a later step. */
export const versionStackSchema = z
  .object({ id, name: z.string(), type: z.literal('version_stack'), parent_id: id.nullable() })
  .transform((stack) => ({
    type: 'version_stack' as const,
    id: stack.id,
    name: stack.name,
    parentId: stack.parent_id,
  }))

export const assetSchema = z.union([fileWithLinksSchema, folderSchema, versionStackSchema])

export const uploadUrlSchema = z.object({ size: z.number().int().positive(), url: z.url() })

export const fileWithUploadUrlsSchema = z
  .object({ ...fileFields, upload_urls: z.array(uploadUrlSchema).min(1) })
  .transform((file) => ({ ...toRemoteFile(file), uploadUrls: file.upload_urls }))

export const uploadStatusSchema = z
  .object({ id, upload_complete: z.boolean(), upload_failed: z.boolean() })
  .transform((status) => ({
    id: status.id,
    complete: status.upload_complete,
    failed: status.upload_failed,
  }))

export function single<T extends z.ZodType>(item: T) {
  return z.object({ data: item }).transform((body) => (body as { data: z.output<T> }).data)
}

export function page<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    links: z.object({ next: z.string().nullable() }),
    total_count: z.number().int().nullable().optional(),
  })
}

export const errorBodySchema = z.object({
  errors: z
    .array(
      z.object({
        detail: z.string(),
        title: z.string().optional(),
        source: z.object({ pointer: z.string().optional() }).optional(),
      }),
    )
    .min(1),
})

export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().positive(),
})

export type Profile = z.output<typeof profileSchema>
export type Account = z.output<typeof accountSchema>
export type Workspace = z.output<typeof workspaceSchema>
export type Project = z.output<typeof projectSchema>
export type RemoteFile = z.output<typeof fileSchema>
export type RemoteFolder = z.output<typeof folderSchema>
export type RemoteAsset = z.output<typeof assetSchema>
export type UploadTarget = z.output<typeof fileWithUploadUrlsSchema>
export type UploadStatus = z.output<typeof uploadStatusSchema>
