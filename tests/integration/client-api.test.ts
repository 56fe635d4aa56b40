// The API client against the emulator: every call it makes, multi-page listings, each error class,
// retries that are safe, and creates that never leave a duplicate after a lost answer.
import { describe, expect, it } from 'vitest'
import { NotLinkedError, RateLimitedError } from '../../src/core/frameio'
import { useEmulator } from './checked-emulator.ts'
import { all, failureOf, tokenClient } from './client-harness.ts'

const env = useEmulator({ rateLimits: false })
const setup = async () => {
  const { client } = await tokenClient(env.emulator, env.studio.userId)
  return { client, accountId: env.studio.accountId, project: env.studio.project }
}

describe('calls', () => {
  it('walks from the signed-in user down to a project', async () => {
    const { client, accountId, project } = await setup()
    expect(await client.me()).toMatchObject({ id: env.studio.userId, email: 'ada@example.com' })
    const accounts = await all(client.accounts())
    expect(accounts).toEqual([{ id: accountId, name: 'Studio' }])
    const [workspace] = await all(client.workspaces(accountId))
    expect(workspace).toMatchObject({ id: env.studio.workspaceId, name: 'Main', accountId })
    const projects = await all(client.projects(accountId, workspace!.id))
    expect(projects).toEqual([
      {
        id: project.id,
        name: 'Trailer',
        rootFolderId: project.rootFolderId,
        workspaceId: workspace!.id,
        viewUrl: `${env.emulator.url}/project/${project.id}`,
      },
    ])
    expect(await client.project(accountId, project.id)).toEqual(projects[0])
  })

  it('follows every page of a listing and keeps include on each (one item a page)', async () => {
    const { client, accountId, project } = await setup()
    const footage = project.folders['Footage']!
    for (let i = 0; i < 5; i++) await client.createFolder(accountId, footage, `take-${i}`)
    const children = await all(client.children(accountId, footage, { pageSize: 1 }))
    expect(children).toHaveLength(7)
    const files = children.filter((child) => child.type === 'file')
    expect(files.map((file) => file.name).sort()).toEqual(['a.mov', 'b.mov'])
    for (const file of files) expect(file.downloadUrl).toMatch(/\/_storage\/download\//)
    const pages = env.emulator.requests.filter(
      (r) => r.operationId === 'folders.index' && r.path.includes(footage),
    )
    expect(pages.length).toBeGreaterThanOrEqual(7)
    expect((await all(client.files(accountId, footage))).map((file) => file.name).sort()).toEqual([
      'a.mov',
      'b.mov',
    ])
    expect(await all(client.folders(accountId, footage))).toHaveLength(5)
  })

  it('shows a file with a download address and its upload status', async () => {
    const { client, accountId, project } = await setup()
    const file = await client.file(accountId, project.files['notes.txt']!)
    expect(file).toMatchObject({
      name: 'notes.txt',
      size: 5,
      status: 'transcoded',
      mediaType: 'text/plain',
    })
    expect(await (await fetch(file.downloadUrl!)).text()).toBe('hello')
    expect(await client.uploadStatus(accountId, file.id)).toEqual({
      id: file.id,
      complete: true,
      failed: false,
    })
  })

  it('creates an upload whose parts add up, renames, moves and deletes', async () => {
    const { client, accountId, project } = await setup()
    const upload = await client.createUpload(accountId, project.rootFolderId, 'big.mov', 45_000_000)
    expect(upload.uploadUrls.map((part) => part.size)).toEqual([15_000_000, 15_000_000, 15_000_000])
    expect(upload.status).toBe('created')
    const folder = await client.createFolder(accountId, project.rootFolderId, 'Selects')
    expect((await client.rename(accountId, folder, 'Picks')).name).toBe('Picks')
    const moved = await client.move(accountId, upload, folder.id)
    expect(moved.parentId).toBe(folder.id)
    await client.deleteFile(accountId, upload.id)
    expect((await failureOf(client.file(accountId, upload.id))).kind).toBe('not-found')
    await client.deleteFolder(accountId, folder.id)
  })
})

describe('typed errors', () => {
  it('names the field a 422 points at', async () => {
    const { client, accountId, project } = await setup()
    const error = await failureOf(
      client.rename(accountId, { type: 'file', id: project.files['notes.txt']! }, ''),
    )
    expect(error).toMatchObject({ kind: 'invalid', status: 422, pointer: '/data/name' })
  })

  it.each([
    [403, 'forbidden'],
    [409, 'conflict'],
    [404, 'not-found'],
  ] as const)('turns a %i into %s', async (status, kind) => {
    const { client } = await setup()
    env.emulator.faults.add({ match: '^GET /v4/me$', kind: 'status', status, times: 1 })
    expect(await failureOf(client.me())).toMatchObject({ kind, status })
  })

  it('tells a user without a linked Adobe ID what to do, without refreshing', async () => {
    const { client } = await setup()
    const user = env.emulator.world.users.get(env.studio.userId)!
    user.linkedToAdobe = false
    try {
      const error = await failureOf(client.me())
      expect(error).toBeInstanceOf(NotLinkedError)
      expect(error.message).toContain('link it in Frame.io')
    } finally {
      user.linkedToAdobe = true
    }
  })

  it('says the answer was unexpected when it does not parse', async () => {
    const { client } = await setup()
    env.emulator.faults.add({ match: '^GET /v4/me$', kind: 'corrupt', atByte: 0, times: 1 })
    expect((await failureOf(client.me())).kind).toBe('unexpected-response')
  })

  it('reports a cancelled call as aborted', async () => {
    const { client } = await setup()
    env.emulator.faults.add({ match: '^GET /v4/me$', kind: 'latency', ms: 2_000, times: 1 })
    const controller = new AbortController()
    const call = client.me({ signal: controller.signal })
    setTimeout(() => controller.abort(), 50)
    expect((await failureOf(call)).kind).toBe('aborted')
  })
})

describe('retries', () => {
  it('retries a 5xx burst on a read and succeeds', async () => {
    const { client } = await setup()
    env.emulator.faults.add({ match: '^GET /v4/me$', kind: 'status', status: 503, times: 2 })
    expect((await client.me()).id).toBe(env.studio.userId)
  })

  it('gives up after the configured attempts with a server error', async () => {
    const { client } = await setup()
    env.emulator.faults.add({ match: '^GET /v4/me$', kind: 'status', status: 500, times: 4 })
    expect(await failureOf(client.me())).toMatchObject({
      kind: 'server',
      status: 500,
      outcomeUnknown: false,
    })
  })

  it('retries a read cut off by a connection reset', async () => {
    const { client, accountId, project } = await setup()
    env.emulator.faults.add({ match: '/children$', kind: 'reset', afterBytes: 10, times: 2 })
    expect(await all(client.children(accountId, project.rootFolderId))).not.toHaveLength(0)
  })

  it('surfaces repeated network failures as a network error', async () => {
    const { client } = await setup()
    env.emulator.faults.add({ match: '^GET /v4/me$', kind: 'reset', afterBytes: 0, times: 4 })
    expect((await failureOf(client.me())).kind).toBe('network')
  })

  it('retries 429s and gives up with a typed error when they go on', async () => {
    const { client } = await setup()
    env.emulator.faults.add({ match: '^GET /v4/me$', kind: 'status', status: 429, times: 4 })
    const error = await failureOf(client.me())
    expect(error).toBeInstanceOf(RateLimitedError)
    env.emulator.faults.add({ match: '^GET /v4/me$', kind: 'status', status: 429, times: 1 })
    expect((await client.me()).id).toBe(env.studio.userId)
  })
})

describe('creates whose answer was lost', () => {
  const folderNames = async (parentId: string) =>
    (await all((await setup()).client.folders(env.studio.accountId, parentId))).map(
      (folder) => folder.name,
    )

  it('adopts the folder a reset create made, leaving exactly one', async () => {
    const { client, accountId, project } = await setup()
    env.emulator.faults.add({ match: '/folders$', kind: 'reset', afterBytes: 0, times: 1 })
    const folder = await client.createFolder(accountId, project.rootFolderId, 'Reset once')
    expect(folder.name).toBe('Reset once')
    expect(
      (await folderNames(project.rootFolderId)).filter((name) => name === 'Reset once'),
    ).toHaveLength(1)
  })

  it('creates again when a 502 means nothing was made', async () => {
    const { client, accountId, project } = await setup()
    env.emulator.faults.add({ match: '^POST .*/folders$', kind: 'status', status: 502, times: 1 })
    await client.createFolder(accountId, project.rootFolderId, 'After 502')
    expect(
      (await folderNames(project.rootFolderId)).filter((name) => name === 'After 502'),
    ).toHaveLength(1)
  })

  it('replaces the placeholder a reset upload create left, leaving one file', async () => {
    const { client, accountId, project } = await setup()
    env.emulator.faults.add({ match: '/local_upload$', kind: 'reset', afterBytes: 0, times: 1 })
    const upload = await client.createUpload(accountId, project.rootFolderId, 'once.mov', 1_234)
    const files = (await all(client.files(accountId, project.rootFolderId))).filter(
      (file) => file.name === 'once.mov',
    )
    expect(files.map((file) => file.id)).toEqual([upload.id])
  })

  it('never repeats a create whose refusal is certain', async () => {
    const { client, accountId } = await setup()
    const before = env.emulator.requests.length
    const error = await failureOf(
      client.createFolder(accountId, '00000000-0000-4000-8000-000000000000', 'x'),
    )
    expect(error.kind).toBe('not-found')
    expect(env.emulator.requests.slice(before).filter((r) => r.method === 'POST')).toHaveLength(1)
  })
})
