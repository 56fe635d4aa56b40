// The changes a scenario makes between syncs: files and folders written, renamed and deleted here
// (on disk) and in Frame.io (directly in the emulator's world), each noted in the model.
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { timestamp } from '../emulator/model.ts'
import type { CheckedEmulator } from './checked-emulator'
import { localTree, md5Of } from './cli-harness'
import { type ObservedItem, type ScenarioModel, observeRemote } from './sync-model'
import { type Folder, type FolderName, type Step, joinPath, otherFolder } from './sync-steps'

export interface ChangeContext {
  emulator: CheckedEmulator
  projectId: string
  root: string
  model: ScenarioModel
}

export type LocalChange = Extract<
  Step,
  | { kind: 'local-write' | 'local-edit' | 'local-rename' | 'local-delete' }
  | { kind: `local-folder-${string}` }
>
export type RemoteChange = Extract<
  Step,
  | { kind: 'remote-create' | 'remote-rename' | 'remote-delete' }
  | { kind: `remote-folder-${string}` }
>

export function isLocalChange(step: LocalChange | RemoteChange): step is LocalChange {
  return step.kind.startsWith('local-')
}

/** `pick` modulo the number of items; the lists are sorted, so a pick means the same file. */
function chosen<T>(items: readonly T[], pick: number): T | undefined {
  return items.length === 0 ? undefined : items[pick % items.length]
}

function under(folder: string, path: string): boolean {
  return path.startsWith(`${folder}/`)
}

function moved(path: string, from: string, to: string): string {
  return `${to}${path.slice(from.length)}`
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  )
}

/** Carries out a local change; answers what it did, for the failure report. */
export async function changeLocal(context: ChangeContext, step: LocalChange): Promise<string> {
  const { root, model } = context
  const files = await localTree(root)
  const sorted = [...files.keys()].sort()
  const write = async (path: string, content: string) => {
    await mkdir(dirname(join(root, path)), { recursive: true })
    await writeFile(join(root, path), content)
    model.localWrite(path, md5Of(content))
  }
  switch (step.kind) {
    case 'local-write': {
      const path = joinPath(step.folder, step.name)
      await write(path, step.content)
      return `local write ${path} "${step.content}"`
    }
    case 'local-edit': {
      const path = chosen(sorted, step.pick)
      if (!path) return 'local edit: no file'
      await write(path, step.content)
      return `local edit ${path} "${step.content}"`
    }
    case 'local-rename': {
      const from = chosen(sorted, step.pick)
      const to = joinPath(step.folder, step.name)
      if (!from || files.has(to)) return `local rename to ${to}: no file, or the name is taken`
      await mkdir(dirname(join(root, to)), { recursive: true })
      await rename(join(root, from), join(root, to))
      model.localRemove(from)
      model.localWrite(to, files.get(from)!)
      return `local rename ${from} -> ${to}`
    }
    case 'local-delete': {
      const path = chosen(sorted, step.pick)
      if (!path) return 'local delete: no file'
      await rm(join(root, path))
      model.localRemove(path)
      return `local delete ${path}`
    }
    case 'local-folder-rename': {
      const to = otherFolder(step.folder)
      if (!(await exists(join(root, step.folder))) || (await exists(join(root, to)))) {
        return `local folder rename ${step.folder}: missing, or ${to} is taken`
      }
      await rename(join(root, step.folder), join(root, to))
      model.localRemove(step.folder)
      for (const path of sorted.filter((path) => under(step.folder, path))) {
        model.localRemove(path)
        model.localWrite(moved(path, step.folder, to), files.get(path)!)
      }
      return `local folder rename ${step.folder} -> ${to}`
    }
    case 'local-folder-delete': {
      if (!(await exists(join(root, step.folder))))
        return `local folder delete ${step.folder}: missing`
      await rm(join(root, step.folder), { recursive: true })
      model.localRemove(step.folder)
      for (const path of sorted.filter((path) => under(step.folder, path))) model.localRemove(path)
      return `local folder delete ${step.folder}`
    }
  }
}

/** Carries out a change in Frame.io, as someone there would make it; answers what it did. */
export async function changeRemote(context: ChangeContext, step: RemoteChange): Promise<string> {
  const { emulator, projectId, model } = context
  if (step.kind === 'remote-create') {
    const path = joinPath(step.folder, step.name)
    const made = await emulator.addToProject(projectId, {
      files: { [path]: { text: step.content } },
    })
    model.remoteCreate(path, md5Of(step.content), [
      ...Object.values(made.files),
      ...Object.values(made.folders),
    ])
    return `remote create ${path} "${step.content}"`
  }
  const items = await observeRemote(emulator, projectId)
  if (step.kind === 'remote-folder-rename' || step.kind === 'remote-folder-delete') {
    return changeRemoteFolder(context, step, items)
  }
  const files = items
    .filter((item) => item.type === 'file')
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.id < b.id ? -1 : 1))
  const target = chosen(files, step.pick)
  if (!target) return `${step.kind}: no file`
  if (step.kind === 'remote-delete') {
    emulator.world.assets.delete(target.id)
    model.remoteRemove(target.path)
    return `remote delete ${target.path}`
  }
  const folder = target.path.includes('/') ? (dirname(target.path) as Folder) : ''
  const to = joinPath(folder, step.name)
  if (to === target.path) return `remote rename ${to}: same name`
  const asset = emulator.world.assets.get(target.id)!
  asset.name = step.name
  asset.updatedAt = timestamp()
  model.remoteRename(target.path, to, target.md5)
  return `remote rename ${target.path} -> ${to}`
}

/** The first folder of that name (the one the engine syncs), renamed or deleted with its files. */
function changeRemoteFolder(
  context: ChangeContext,
  step: Extract<Step, { kind: 'remote-folder-rename' | 'remote-folder-delete' }>,
  items: readonly ObservedItem[],
): string {
  const { emulator, model } = context
  const folder = items.find((item) => item.type === 'folder' && item.path === step.folder)
  if (!folder) return `${step.kind} ${step.folder}: missing`
  const insideIds = new Set(emulator.world.subtree(folder.id).map((asset) => asset.id))
  const inside = items.filter((item) => item.type === 'file' && insideIds.has(item.id))
  if (step.kind === 'remote-folder-delete') {
    for (const id of [...insideIds, folder.id]) emulator.world.assets.delete(id)
    model.remoteRemove(step.folder)
    for (const item of inside) model.remoteRemove(item.path)
    return `remote folder delete ${step.folder}`
  }
  const to: FolderName = otherFolder(step.folder)
  const asset = emulator.world.assets.get(folder.id)!
  asset.name = to
  asset.updatedAt = timestamp()
  model.remoteFolderRename(step.folder, to)
  for (const item of inside) {
    model.remoteRename(item.path, moved(item.path, step.folder, to), item.md5)
  }
  return `remote folder rename ${step.folder} -> ${to}`
}
