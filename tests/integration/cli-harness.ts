// Running the CLI in-process against the emulator, in temp folders: a fresh user and project per
// test, a data folder of its own, and the command's exit code, stdout and stderr.
import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough, Readable } from 'node:stream'
import { afterEach } from 'vitest'
import { runCli } from '../../src/cli/main'
import { developmentClient } from '../emulator/index.ts'
import type { SeedProject } from '../emulator/seed.ts'
import type { FrameioClient } from '../../src/core/frameio'
import type { CheckedEmulator, TestEnv } from './checked-emulator'
import { newClient } from './client-harness'

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

const made: string[] = []
afterEach(async () => {
  for (const path of made.splice(0)) await rm(path, { recursive: true, force: true })
})

export async function tempDir(prefix: string): Promise<string> {
  const path = await mkdtemp(join(tmpdir(), prefix))
  made.push(path)
  return path
}

function collect(stream: PassThrough): () => string {
  let text = ''
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()))
  return () => text
}

/** Environment pointing the CLI at the emulator and at its own data folder. */
export function cliEnv(emulator: CheckedEmulator, home: string): Record<string, string> {
  return {
    FRAMEIO_SYNC_HOME: home,
    FRAMEIO_API_URL: emulator.url,
    FRAMEIO_IMS_URL: emulator.url,
    FRAMEIO_CLIENT_ID: developmentClient.clientId,
    FRAMEIO_REDIRECT_URI: developmentClient.redirectUris[0]!,
  }
}

export async function runIn(
  env: Record<string, string>,
  args: string[],
  stdin = '',
): Promise<CliResult> {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  const out = collect(stdout)
  const err = collect(stderr)
  const code = await runCli(args, { stdout, stderr, stdin: Readable.from([stdin]), env })
  return { code, stdout: out(), stderr: err() }
}

export interface SyncSetup {
  env: Record<string, string>
  root: string
  projectId: string
  rootFolderId: string
  accountId: string
  token: string
  /** The same user's API client, for changes made in Frame.io during a test. */
  client: FrameioClient
  run(...args: string[]): Promise<CliResult>
  /** Adds finished files (and folders) in Frame.io, as if someone uploaded them there. */
  addRemote(spec: Pick<SeedProject, 'folders' | 'files'>): Promise<Record<string, string>>
}

let projects = 0

async function tokenClientFor(emulator: CheckedEmulator, token: string): Promise<FrameioClient> {
  const { client } = newClient(emulator)
  await client.auth.useTokens({
    accessToken: token,
    refreshToken: null,
    expiresAt: Date.now() + 3600_000,
  })
  return client
}

/** A new user with one project holding `remote`, signed in, with a local folder added to sync. */
export async function syncSetup(
  testEnv: TestEnv,
  options: {
    remote?: Pick<SeedProject, 'folders' | 'files'>
    mode?: string
    readyAfter?: number
  } = {},
): Promise<SyncSetup> {
  const { emulator } = testEnv
  projects += 1
  const seeded = await emulator.seed({
    users: [
      {
        name: `Tester ${projects}`,
        email: `tester${projects}@example.com`,
        accounts: [
          {
            name: 'Studio',
            workspaces: [
              { name: 'Main', projects: [{ name: `Project ${projects}`, ...options.remote }] },
            ],
          },
        ],
      },
    ],
  })
  const user = seeded.users[0]!
  const account = user.accounts[0]!
  const project = account.workspaces[0]!.projects[0]!
  const home = await tempDir('cli-home-')
  const root = join(await tempDir('cli-root-'), 'Synced')
  await mkdir(root)
  const env = cliEnv(emulator, home)
  const token = emulator.mintToken(user.id)
  const run = (...args: string[]) => runIn(env, args)
  const login = await run('login', '--token', token)
  if (login.code !== 0) throw new Error(`login failed: ${login.stderr}`)
  const add = await run(
    'add',
    project.id,
    root,
    '--ready-after',
    String(options.readyAfter ?? 0),
    ...(options.mode ? ['--mode', options.mode] : []),
  )
  if (add.code !== 0) throw new Error(`add failed: ${add.stderr}`)
  return {
    env,
    root,
    projectId: project.id,
    rootFolderId: project.rootFolderId,
    accountId: account.id,
    token,
    client: await tokenClientFor(emulator, token),
    run,
    addRemote: async (spec) => (await emulator.addToProject(project.id, spec)).files,
  }
}

interface TreeNode {
  id: string
  name: string
  type: 'file' | 'folder'
  size?: number
  status?: string
  md5?: string | null
  children?: TreeNode[]
}

export interface RemoteItem {
  id: string
  type: 'file' | 'folder'
  size: number
  status: string
  md5: string | null
}

/** Every item of a project in Frame.io (the emulator's view), by path; duplicates get ' #2'. */
export async function remoteTree(
  emulator: CheckedEmulator,
  projectId: string,
): Promise<Map<string, RemoteItem>> {
  const accounts = (await emulator.tree()) as Array<{
    workspaces: Array<{ projects: Array<{ id: string; root: TreeNode }> }>
  }>
  const project = accounts
    .flatMap((account) => account.workspaces)
    .flatMap((workspace) => workspace.projects)
    .find((candidate) => candidate.id === projectId)
  const found = new Map<string, RemoteItem>()
  const visit = (node: TreeNode, path: string) => {
    for (const child of node.children ?? []) {
      let childPath = path ? `${path}/${child.name}` : child.name
      for (let n = 2; found.has(childPath); n++)
        childPath = `${path ? `${path}/` : ''}${child.name} #${n}`
      found.set(childPath, {
        id: child.id,
        type: child.type,
        size: child.size ?? 0,
        status: child.status ?? '',
        md5: child.md5 ?? null,
      })
      if (child.type === 'folder') visit(child, childPath)
    }
  }
  if (project) visit(project.root, '')
  return found
}

/** Every file under a local folder (the state folder left out), by path, with its MD5. */
export async function localTree(root: string): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  const walk = async (dir: string, prefix: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name === '.frameio-sync' && prefix === '') continue
      const path = prefix ? `${prefix}/${entry.name}` : entry.name
      if (entry.isDirectory()) await walk(join(dir, entry.name), path)
      else
        found.set(
          path,
          createHash('md5')
            .update(await readFile(join(dir, entry.name)))
            .digest('hex'),
        )
    }
  }
  await walk(root, '')
  return found
}

export function md5Of(text: string | Buffer): string {
  return createHash('md5').update(text).digest('hex')
}
