// The remote walker against the emulator with its rate limits on at the documented scale: a nested
// tree listed completely (pages followed, paths placed), files not ready and refused names
// reported, half the budget kept, changed subtrees first, a vanished folder skipped, abort.
import { beforeAll, describe, expect, it } from 'vitest'
import type { LoggedRequest } from '../emulator/control.ts'
import type { SeededProject } from '../emulator/index.ts'
import { type FolderListing, RemoteWalker, updatedAtByFolder } from '../../src/core/remote'
import type { RemoteFact } from '../../src/core/plan/facts'
import { useEmulator } from './checked-emulator.ts'
import { all, failureOf, tokenClient } from './client-harness.ts'

const env = useEmulator({ rateLimits: true, rateLimitScale: 1 })

/** The emulator's log has no times: each entry is stamped as it is logged, once answered. */
const answeredAt = new WeakMap<LoggedRequest, number>()

const shots = Array.from(
  { length: 250 },
  (_, i) => `Shots/shot-${String(i + 1).padStart(3, '0')}.mov`,
)
const cafe = 'Cafe\u0301'
const listOperations = ['files.list', 'folders.list']

let accountId = ''
let userId = ''
const projects: Record<string, SeededProject> = {}

beforeAll(async () => {
  const log = env.emulator.requests
  const push = log.push.bind(log)
  log.push = (...entries: LoggedRequest[]) => {
    for (const entry of entries) answeredAt.set(entry, performance.now())
    return push(...entries)
  }
  const threeFolders = { folders: ['A/sub', 'B/sub', 'C/sub'] }
  const seeded = await env.emulator.seed({
    users: [
      {
        name: 'Walker',
        email: 'walker@example.com',
        accounts: [
          {
            name: 'Walks',
            workspaces: [
              {
                name: 'Main',
                projects: [
                  {
                    name: 'Tree',
                    folders: ['Empty'],
                    files: {
                      'notes.txt': { text: 'hello' },
                      ...Object.fromEntries(shots.map((path) => [path, { size: 10 }])),
                      'Shots/Day 1/clip.mov': { size: 20 },
                      'Shots/Day 1/Take 2/take.mov': { size: 30 },
                      'Audio/mix.wav': { size: 40 },
                      'Audio/Stems/drums.wav': { size: 50 },
                      'Exports/Web/cut.mp4': { size: 60 },
                      [`${cafe}/menu.txt`]: { text: 'soup' },
                      'Bad:Name/hidden.mov': { size: 70 },
                      'Bad:Name/Inner/deeper.mov': { size: 80 },
                    },
                  },
                  { name: 'Order', ...threeFolders },
                  { name: 'Vanish', ...threeFolders },
                ],
              },
            ],
          },
        ],
      },
    ],
  })
  const user = seeded.users[0]!
  userId = user.id
  accountId = user.accounts[0]!.id
  for (const project of user.accounts[0]!.workspaces[0]!.projects) projects[project.name] = project
})

const refusedColon = 'a colon cannot be part of a local name'
const placeName = (name: string) => (name.includes(':') ? { refused: refusedColon } : { name })

async function walkerFor(projectName: string, extra: { signal?: AbortSignal } = {}) {
  const { client } = await tokenClient(env.emulator, userId)
  const project = projects[projectName]!
  const walker = new RemoteWalker({
    client,
    accountId,
    rootFolderId: project.rootFolderId,
    placeName,
    ...extra,
  })
  return { client, project, walker }
}

const pathsOf = (listings: FolderListing[]) => listings.map((listing) => listing.path)

describe('a full walk of a nested tree', () => {
  let listings: FolderListing[] = []
  let calls: LoggedRequest[] = []
  let callsMade = 0
  let project: SeededProject
  const facts = () => listings.flatMap((listing) => listing.children)
  const fact = (path: string): RemoteFact => facts().find((each) => each.path === path)!

  beforeAll(async () => {
    const made = await walkerFor('Tree')
    project = made.project
    await made.client.createUpload(accountId, project.folders['Shots/Day 1']!, 'pending.mov', 1_000)
    const before = env.emulator.requests.length
    listings = await all(made.walker.walk())
    calls = env.emulator.requests
      .slice(before)
      .filter((request) => listOperations.includes(request.operationId ?? ''))
    callsMade = made.walker.callsMade
  }, 60_000)

  it('lists every placeable folder once, breadth-first, under its local path', () => {
    const paths = pathsOf(listings)
    expect(paths[0]).toBe('')
    expect([...paths].sort()).toEqual(
      [
        '',
        'Audio',
        'Audio/Stems',
        'Café',
        'Empty',
        'Exports',
        'Exports/Web',
        'Shots',
        'Shots/Day 1',
        'Shots/Day 1/Take 2',
      ].sort(),
    )
    const depths = listings.map((listing) => listing.depth)
    expect(depths).toEqual([...depths].sort((a, b) => a - b))
    expect(listings.find((listing) => listing.path === 'Shots/Day 1/Take 2')?.depth).toBe(3)
    const seededIds = new Map(
      Object.entries(project.folders).map(([path, id]) => [path.normalize('NFC'), id]),
    )
    seededIds.set('', project.rootFolderId)
    for (const listing of listings) {
      expect(listing.folderId).toBe(seededIds.get(listing.path))
      for (const child of listing.children) expect(child.parentId).toBe(listing.folderId)
    }
  })

  it('reports every file with its path, id and size, following pages of a 250-file folder', () => {
    const files = facts().filter((each) => each.kind === 'file')
    expect(files.map((each) => each.path).sort()).toEqual(
      [
        'notes.txt',
        ...shots,
        'Shots/Day 1/clip.mov',
        'Shots/Day 1/pending.mov',
        'Shots/Day 1/Take 2/take.mov',
        'Audio/mix.wav',
        'Audio/Stems/drums.wav',
        'Exports/Web/cut.mp4',
        'Café/menu.txt',
      ].sort(),
    )
    expect(fact('Shots/shot-250.mov')).toMatchObject({
      id: project.files['Shots/shot-250.mov'],
      size: 10,
      ready: true,
      refused: null,
    })
    const shotsId = project.folders['Shots']!
    const shotPages = calls.filter(
      (request) =>
        request.operationId === 'files.list' && request.path.includes(`/folders/${shotsId}/`),
    )
    expect(shotPages).toHaveLength(3)
    expect(callsMade).toBe(calls.length)
  })

  it('keeps the name as Frame.io has it and the path in NFC', () => {
    expect(fact('Café')).toMatchObject({ kind: 'folder', name: cafe, ready: true })
    expect(fact('Café/menu.txt').name).toBe('menu.txt')
  })

  it('reports a file whose upload is not complete as not ready', () => {
    expect(fact('Shots/Day 1/pending.mov')).toMatchObject({ ready: false, size: 1_000 })
    expect(fact('Shots/Day 1/clip.mov').ready).toBe(true)
  })

  it('reports a refused folder and does not go into it', () => {
    expect(fact('Bad:Name')).toMatchObject({
      kind: 'folder',
      id: project.folders['Bad:Name'],
      refused: refusedColon,
    })
    expect(facts().some((each) => each.path.startsWith('Bad:Name/'))).toBe(false)
    const inside = [project.folders['Bad:Name'], project.folders['Bad:Name/Inner']]
    expect(
      calls.filter((request) => inside.some((id) => request.path.includes(`/${id}/`))),
    ).toEqual([])
  })

  it('meets no 429 and never goes over half of an endpoint’s documented rate', () => {
    expect(calls.length).toBeGreaterThanOrEqual(20)
    expect(calls.filter((request) => request.status !== 200)).toEqual([])
    // Both endpoints are documented at 5 calls a second. A 400 ms beat puts at most three calls
    // (at 0, 400 and 800 ms) in any one-second window; going at the documented rate would put
    // five or more there.
    for (const operation of listOperations) {
      const times = calls
        .filter((request) => request.operationId === operation)
        .map((request) => answeredAt.get(request)!)
      const busiest = Math.max(
        ...times.map((start) => times.filter((at) => at >= start && at < start + 1_000).length),
      )
      expect(busiest, operation).toBeLessThanOrEqual(Math.ceil(5 / 2))
    }
  })
})

describe('walking again', () => {
  it('lists folders whose updated_at moved, and their subtrees, before the rest', async () => {
    const { client, project, walker } = await walkerFor('Order')
    const first = await all(walker.walk())
    expect(pathsOf(first)).toEqual(['', 'A', 'B', 'C', 'A/sub', 'B/sub', 'C/sub'])
    await client.rename(accountId, { type: 'folder', id: project.folders['B']! }, 'B2')
    const again = await all(walker.walk({ since: updatedAtByFolder(first) }))
    expect(pathsOf(again)).toEqual(['', 'B2', 'B2/sub', 'A', 'C', 'A/sub', 'C/sub'])
  }, 30_000)
})

describe('folders that go away', () => {
  it('skips a folder deleted while the walk runs', async () => {
    const { client, project, walker } = await walkerFor('Vanish')
    const seen: string[] = []
    for await (const listing of walker.walk()) {
      seen.push(listing.path)
      if (listing.path === '') await client.deleteFolder(accountId, project.folders['B']!)
    }
    expect(seen).toEqual(['', 'A', 'C', 'A/sub', 'C/sub'])
  }, 30_000)

  it('fails, naming the root, when the root folder itself is gone', async () => {
    const { client } = await tokenClient(env.emulator, userId)
    const walker = new RemoteWalker({
      client,
      accountId,
      rootFolderId: projects['Vanish']!.folders['B']!,
      placeName,
    })
    const error = await failureOf(all(walker.walk()))
    expect(error.kind).toBe('not-found')
    expect(error.message).toMatch(/root folder .* was not found/)
  })
})

describe('cancelling', () => {
  it('stops the walk when its signal aborts, even mid-listing', async () => {
    const controller = new AbortController()
    const { walker } = await walkerFor('Tree', { signal: controller.signal })
    const walk = walker.walk()
    const root = await walk.next()
    expect(root.done).toBe(false)
    const pending = walk.next()
    controller.abort()
    const error = await failureOf(pending)
    expect(error.kind).toBe('aborted')
    expect(await walk.next()).toEqual({ done: true, value: undefined })
  })

  it('stops between folders too', async () => {
    const controller = new AbortController()
    const { walker } = await walkerFor('Tree', { signal: controller.signal })
    const walk = walker.walk()
    await walk.next()
    controller.abort()
    const callsBefore = walker.callsMade
    expect((await failureOf(walk.next())).kind).toBe('aborted')
    expect(walker.callsMade).toBe(callsBefore)
  })
})
