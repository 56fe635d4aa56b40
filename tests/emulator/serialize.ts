// The emulator's records as the V4 API writes them: field names, nullability and includes as in
// the official spec, so that every answer validates against it.
import type {
  EmulatedAccount,
  EmulatedAsset,
  EmulatedFile,
  EmulatedFolder,
  EmulatedProject,
  EmulatedUser,
  EmulatedWorkspace,
  World,
} from './model.ts'

export interface SerializeContext {
  world: World
  /** Base address of the emulator, for view URLs. */
  origin: string
  /** The `include` values the request asked for. */
  includes: Set<string>
  /** A fresh signed download address for a file whose bytes are in, else null. */
  downloadUrl(file: EmulatedFile): string | null
}

function user(person: EmulatedUser | undefined) {
  return {
    id: person?.id ?? null,
    name: person?.name ?? null,
    email: person?.email ?? '',
    avatar_url: null,
    active: true,
  }
}

export function profile(person: EmulatedUser) {
  return { id: person.id, name: person.name, email: person.email, avatar_url: null }
}

export function account(record: EmulatedAccount, storageUsage: number) {
  return {
    id: record.id,
    display_name: record.displayName,
    roles: ['owner'],
    storage_limit: null,
    storage_usage: storageUsage,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
  }
}

export function workspace(record: EmulatedWorkspace) {
  return {
    id: record.id,
    name: record.name,
    account_id: record.accountId,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
  }
}

export function project(record: EmulatedProject, context: SerializeContext) {
  return {
    id: record.id,
    name: record.name,
    status: 'active',
    storage: 0,
    workspace_id: record.workspaceId,
    root_folder_id: record.rootFolderId,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    view_url: `${context.origin}/project/${record.id}`,
    description: null,
  }
}

function common(asset: EmulatedAsset, context: SerializeContext) {
  return {
    id: asset.id,
    name: asset.name,
    type: asset.type,
    project_id: asset.projectId,
    parent_id: asset.parentId,
    created_at: asset.createdAt,
    updated_at: asset.updatedAt,
    view_url: `${context.origin}/project/${asset.projectId}/view/${asset.id}`,
  }
}

/** What `include=creator,project,metadata` adds to any asset. */
function includes(asset: EmulatedAsset, context: SerializeContext) {
  const extra: Record<string, unknown> = {}
  if (context.includes.has('creator'))
    extra['creator'] = user(context.world.users.get(asset.creatorId))
  const owner = context.world.projects.get(asset.projectId)
  if (context.includes.has('project') && owner) extra['project'] = project(owner, context)
  if (context.includes.has('metadata')) extra['metadata'] = []
  return extra
}

export function file(record: EmulatedFile, context: SerializeContext) {
  return {
    ...common(record, context),
    status: record.status,
    media_type: record.mediaType,
    file_size: record.fileSize,
  }
}

export function fileWithIncludes(record: EmulatedFile, context: SerializeContext) {
  const body: Record<string, unknown> = { ...file(record, context), ...includes(record, context) }
  if (context.includes.has('media_links.original')) {
    const url = context.downloadUrl(record)
    body['media_links'] = { original: { download_url: url, inline_url: url } }
  }
  return body
}

export function folder(record: EmulatedFolder, context: SerializeContext) {
  return { ...common(record, context), cover_file_id: null }
}

export function folderWithIncludes(record: EmulatedFolder, context: SerializeContext) {
  return { ...folder(record, context), ...includes(record, context) }
}

export function assetWithIncludes(record: EmulatedAsset, context: SerializeContext) {
  return record.type === 'file'
    ? fileWithIncludes(record, context)
    : folderWithIncludes(record, context)
}

export function uploadStatus(record: EmulatedFile) {
  const complete = record.status !== 'created'
  return {
    id: record.id,
    filetype: record.mediaType,
    uploaded_at: record.uploadedAt,
    upload_completed_at: complete ? record.uploadedAt : null,
    upload_complete: complete,
    upload_failed: false,
  }
}
