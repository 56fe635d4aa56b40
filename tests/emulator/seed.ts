// Filling the world: users with accounts, workspaces and projects holding folders and finished
// files (content given, or made up from a size), and the demo world `--seed demo` starts with.
import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import type { BlobStore } from './blobs.ts'
import { type EmulatedFolder, type World, timestamp } from './model.ts'
import { partSizes } from './storage.ts'

export type SeedContent = { text: string } | { base64: string } | { size: number }

export interface SeedProject {
  name: string
  /** Folders to create, as slash-separated paths from the project root. */
  folders?: string[]
  /** Finished files by path; their folders are created as needed. */
  files?: Record<string, SeedContent>
}

export interface SeedSpec {
  users: Array<{
    name: string
    email: string
    linkedToAdobe?: boolean
    accounts?: Array<{
      name: string
      workspaces?: Array<{ name: string; projects?: SeedProject[] }>
    }>
  }>
}

export interface SeededProject {
  id: string
  name: string
  rootFolderId: string
  folders: Record<string, string>
  files: Record<string, string>
}

export interface Seeded {
  users: Array<{
    id: string
    accounts: Array<{ id: string; workspaces: Array<{ id: string; projects: SeededProject[] }> }>
  }>
}

/** Repeatable bytes for a seeded file of a given size, different for each path. */
export function madeUpBytes(path: string, size: number): Readable {
  let counter = 0
  let left = size
  const seed = createHash('sha256').update(path).digest()
  return new Readable({
    read() {
      if (left === 0) return void this.push(null)
      const block = createHash('sha256').update(seed).update(String(counter++)).digest()
      const chunk = Buffer.alloc(Math.min(left, 64 * 1024))
      for (let offset = 0; offset < chunk.length; offset += block.length) block.copy(chunk, offset)
      left -= chunk.length
      this.push(chunk)
    },
  })
}

function contentBytes(content: SeedContent): Buffer | null {
  if ('text' in content) return Buffer.from(content.text, 'utf8')
  if ('base64' in content) return Buffer.from(content.base64, 'base64')
  return null
}

/** Reads `length` bytes of a stream from `offset` (for splitting seeded content into parts). */
async function* window(source: () => Readable, offset: number, length: number) {
  let skipped = 0
  let taken = 0
  for await (const chunk of source() as AsyncIterable<Buffer>) {
    const from = Math.max(0, offset - skipped)
    skipped += chunk.length
    if (from >= chunk.length) continue
    const piece = chunk.subarray(from, from + (length - taken))
    taken += piece.length
    yield piece
    if (taken === length) return
  }
}

async function seedProject(
  world: World,
  blobs: BlobStore,
  partSize: number,
  place: { accountId: string; creatorId: string },
  project: { id: string; rootFolderId: string },
  spec: SeedProject,
): Promise<Pick<SeededProject, 'folders' | 'files'>> {
  const folders: Record<string, string> = {}
  const files: Record<string, string> = {}
  const folderAt = (path: string): EmulatedFolder => {
    let parent = world.assets.get(project.rootFolderId) as EmulatedFolder
    let walked = ''
    for (const name of path.split('/').filter(Boolean)) {
      walked = walked ? `${walked}/${name}` : name
      const existing =
        folders[walked] ??
        world.children(parent.id).find((asset) => asset.type === 'folder' && asset.name === name)
          ?.id
      parent = existing
        ? (world.assets.get(existing) as EmulatedFolder)
        : world.addFolder({ ...place, projectId: project.id, parentId: parent.id }, name)
      folders[walked] = parent.id
    }
    return parent
  }
  for (const path of spec.folders ?? []) folderAt(path)
  for (const [path, content] of Object.entries(spec.files ?? {})) {
    const slash = path.lastIndexOf('/')
    const parent = folderAt(slash < 0 ? '' : path.slice(0, slash))
    const bytes = contentBytes(content)
    const size = bytes ? bytes.length : (content as { size: number }).size
    const sizes = partSizes(size, partSize)
    const file = world.addFile(
      { ...place, projectId: project.id, parentId: parent.id },
      path.slice(slash + 1),
      sizes,
    )
    const source = () => (bytes ? Readable.from([bytes]) : madeUpBytes(path, size))
    let offset = 0
    for (const [index, part] of file.parts.entries()) {
      const written = await blobs.writePart(
        file.id,
        index,
        Readable.from(window(source, offset, part.size)),
        part.size,
      )
      part.md5 = written.md5
      offset += part.size
    }
    file.status = 'transcoded'
    file.uploadedAt = timestamp()
    files[path] = file.id
  }
  return { folders, files }
}

/**
 * Adds folders and finished files to a project that exists (as if someone uploaded them in
 * Frame.io), reusing folders already there by name.
 */
export async function seedIntoProject(
  world: World,
  blobs: BlobStore,
  partSize: number,
  projectId: string,
  spec: Pick<SeedProject, 'folders' | 'files'>,
): Promise<Pick<SeededProject, 'folders' | 'files'>> {
  const project = world.projects.get(projectId)
  if (!project) throw new Error(`project ${projectId} not found`)
  const creator = [...world.users.values()].find((user) =>
    user.accountIds.includes(project.accountId),
  )
  if (!creator) throw new Error(`no user belongs to the account of project ${projectId}`)
  const place = { accountId: project.accountId, creatorId: creator.id }
  return seedProject(world, blobs, partSize, place, project, { name: project.name, ...spec })
}

export async function seedWorld(
  world: World,
  blobs: BlobStore,
  partSize: number,
  spec: SeedSpec,
): Promise<Seeded> {
  const seeded: Seeded = { users: [] }
  for (const userSpec of spec.users) {
    const user = world.addUser({
      name: userSpec.name,
      email: userSpec.email,
      linkedToAdobe: userSpec.linkedToAdobe ?? true,
    })
    const accounts: Seeded['users'][number]['accounts'] = []
    for (const accountSpec of userSpec.accounts ?? []) {
      const account = world.addAccount(user, accountSpec.name)
      const workspaces = []
      for (const workspaceSpec of accountSpec.workspaces ?? []) {
        const workspace = world.addWorkspace(account.id, workspaceSpec.name)
        const projects: SeededProject[] = []
        for (const projectSpec of workspaceSpec.projects ?? []) {
          const project = world.addProject(workspace, projectSpec.name, user.id)
          const place = { accountId: account.id, creatorId: user.id }
          const contents = await seedProject(world, blobs, partSize, place, project, projectSpec)
          projects.push({
            id: project.id,
            name: project.name,
            rootFolderId: project.rootFolderId,
            ...contents,
          })
        }
        workspaces.push({ id: workspace.id, projects })
      }
      accounts.push({ id: account.id, workspaces })
    }
    seeded.users.push({ id: user.id, accounts })
  }
  return seeded
}

export const demoSeed: SeedSpec = {
  users: [
    {
      name: 'Demo Editor',
      email: 'editor@example.com',
      accounts: [
        {
          name: 'Demo Studio',
          workspaces: [
            {
              name: 'Productions',
              projects: [
                {
                  name: 'Launch Film',
                  folders: ['Footage/Day 2', 'Exports'],
                  files: {
                    'Footage/Day 1/A001_C001.mov': { size: 3_500_000 },
                    'Footage/Day 1/A001_C002.mov': { size: 1_250_000 },
                    'Audio/boom-take-3.wav': { size: 800_000 },
                    'Notes/shot-list.txt': { text: 'A001 wide\nA002 close-up\n' },
                  },
                },
                { name: 'Social Cutdowns', files: { 'vertical-15s.mp4': { size: 2_000_000 } } },
              ],
            },
          ],
        },
      ],
    },
  ],
}
