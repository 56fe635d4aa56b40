// An emulator for integration tests that records every exchange and, at the end, holds each JSON
// answer and request body against the official spec. Without the spec it says so once and checks
// behaviour only.
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import {
  type Emulator,
  type EmulatorOptions,
  type Exchange,
  startEmulator,
} from '../emulator/index.ts'
import { loadContract, specPath } from '../contract/openapi.ts'

const contract = loadContract()
let warned = false

export interface CheckedEmulator extends Emulator {
  /** Headers for an API call as the seeded user (or with the token given). */
  auth(token?: string): Record<string, string>
  token: string
}

export interface TestEnv {
  emulator: CheckedEmulator
  studio: Studio
}

/**
 * Call at the top of a test file: starts an emulator seeded with the studio world before the
 * tests, and after them stops it and holds every exchange against the official spec.
 */
export function useEmulator(options: EmulatorOptions = {}): TestEnv {
  const exchanges: Exchange[] = []
  const env = {} as TestEnv
  beforeAll(async () => {
    const emulator = await startEmulator({
      ...options,
      onExchange: (exchange) => exchanges.push(exchange),
    })
    env.emulator = Object.assign(emulator, {
      token: '',
      auth(token?: string) {
        return { authorization: `Bearer ${token ?? env.emulator.token}` }
      },
    })
    env.studio = await seedStudio(env.emulator)
  })
  afterEach(() => env.emulator?.faults.clear())
  afterAll(async () => {
    await env.emulator?.stop()
    if (!contract) {
      if (!warned)
        console.log(
          `contract checks skipped: OpenAPI spec not found at ${specPath()} (set FRAMEIO_OPENAPI)`,
        )
      warned = true
      return
    }
    const problems = exchanges
      .filter((exchange) => !exchange.injected)
      .flatMap((exchange) => [
        ...contract.validateResponse(exchange.operationId, exchange.status, exchange.responseBody),
        ...(exchange.requestBody === undefined || exchange.status === 422 || exchange.status === 400
          ? []
          : contract.validateRequest(exchange.operationId, exchange.requestBody)),
      ])
    expect(problems, `${exchanges.length} exchanges checked against the spec`).toEqual([])
    expect(exchanges.length).toBeGreaterThan(0)
  })
  return env
}

export type Studio = Awaited<ReturnType<typeof seedStudio>>

/**
 * A JSON answer, loosely typed: tests reach into answers whose shape the contract check at the end
 * of the file verifies against the spec.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export async function json(response: Response): Promise<any> {
  return response.json()
}

/** A fresh signed download address for one of the studio's seeded files. */
export async function downloadUrlOf(env: TestEnv, path: string): Promise<string> {
  const { emulator, studio } = env
  const shown = await fetch(
    `${emulator.url}/v4/accounts/${studio.accountId}/files/${studio.project.files[path]}?include=media_links.original`,
    { headers: emulator.auth() },
  )
  return (await json(shown)).data.media_links.original.download_url as string
}

/** The standard little world most tests start from. */
async function seedStudio(emulator: CheckedEmulator) {
  const seeded = await emulator.seed({
    users: [
      {
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        accounts: [
          {
            name: 'Studio',
            workspaces: [
              {
                name: 'Main',
                projects: [
                  {
                    name: 'Trailer',
                    folders: ['Empty'],
                    files: {
                      'Footage/a.mov': { size: 2_500 },
                      'Footage/b.mov': { size: 1_000 },
                      'notes.txt': { text: 'hello' },
                    },
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  })
  const user = seeded.users[0]!
  const account = user.accounts[0]!
  const project = account.workspaces[0]!.projects[0]!
  emulator.token = emulator.mintToken(user.id)
  return { userId: user.id, accountId: account.id, workspaceId: account.workspaces[0]!.id, project }
}
