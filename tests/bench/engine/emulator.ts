// The engine benchmark's emulator: run in its own process (its CPU and memory are not the
// engine's), driven through its control API, with a signed-in client for each seeded user.
import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import type { SeedProject, Seeded, SeededProject } from '../../emulator/seed.ts'
import { MemorySecrets } from '../../integration/client-harness.ts'
import { FrameioClient, resolveConfig } from '../../../src/core/frameio'

export interface EmulatorProcess {
  url: string
  /** A control API call (`/_emulator/<path>`); throws, naming the call, unless it answers 2xx. */
  control<T>(method: string, path: string, body?: unknown): Promise<T>
  stop(): void
}

export interface SeededUser {
  client: FrameioClient
  accountId: string
  project: SeededProject
}

export async function startEmulatorProcess(dataDir: string): Promise<EmulatorProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['tests/emulator/cli.ts', '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const first = await createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next()
  const url = String(first.value ?? '')
  if (!url.startsWith('http://127.0.0.1:')) {
    child.kill()
    throw new Error(`The emulator did not print its 127.0.0.1 address; it printed "${url}".`)
  }
  return {
    url,
    async control<T>(method: string, path: string, body?: unknown): Promise<T> {
      const answer = await fetch(`${url}/_emulator/${path}`, {
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
      if (!answer.ok) {
        throw new Error(
          `The emulator refused ${method} /_emulator/${path}: HTTP ${answer.status} ${await answer.text()}`,
        )
      }
      return (await answer.json()) as T
    },
    stop: () => void child.kill(),
  }
}

/** Seeds a user of their own (so each measure has its own rate budget) holding one project. */
export async function seedUser(
  emulator: EmulatorProcess,
  name: string,
  project: SeedProject,
): Promise<SeededUser> {
  const seeded = await emulator.control<Seeded>('POST', 'seed', {
    users: [
      {
        name,
        email: `${name.toLowerCase()}@example.com`,
        accounts: [
          { name: `${name}'s account`, workspaces: [{ name: 'Main', projects: [project] }] },
        ],
      },
    ],
  })
  const user = seeded.users[0]!
  const account = user.accounts[0]!
  const { access_token: accessToken } = await emulator.control<{ access_token: string }>(
    'POST',
    'tokens',
    { user_id: user.id },
  )
  const client = new FrameioClient({
    config: resolveConfig(
      { apiUrl: emulator.url, imsUrl: emulator.url, clientId: 'frameio-sync-dev' },
      {},
    ),
    secrets: new MemorySecrets(),
  })
  await client.auth.useTokens({ accessToken, refreshToken: null, expiresAt: Date.now() + 3600_000 })
  return { client, accountId: account.id, project: account.workspaces[0]!.projects[0]! }
}
