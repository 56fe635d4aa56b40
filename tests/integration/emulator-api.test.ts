// The emulator's V4 API: identity, listings with cursor pagination, writes with spec-shaped
// validation errors, and 401/404 where the real service answers them.
import { describe, expect, it } from 'vitest'
import { useEmulator } from './checked-emulator.ts'

const env = useEmulator({ rateLimits: false })

async function call(method: string, path: string, body?: unknown, token?: string) {
  const response = await fetch(`${env.emulator.url}${path}`, {
    method,
    headers: {
      ...env.emulator.auth(token),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await response.text()
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : undefined,
  }
}

describe('identity and authorization', () => {
  it('answers /v4/me for the token holder, with rate-limit headers even when limits are off', async () => {
    const me = await call('GET', '/v4/me')
    expect(me.status).toBe(200)
    expect(me.body.data).toMatchObject({ id: env.studio.userId, email: 'ada@example.com' })
    expect(me.headers.get('x-ratelimit-limit')).toBe('100')
    expect(me.headers.get('x-ratelimit-window')).toBe('60000')
    expect(me.headers.get('x-ratelimit-remaining')).toBe('100') // limits are off in this file
  })

  it('refuses a missing, unknown or expired token with 401', async () => {
    const missing = await fetch(`${env.emulator.url}/v4/me`)
    expect(missing.status).toBe(401)
    expect(missing.headers.get('x-ratelimit-limit')).toBe('100')
    expect((await call('GET', '/v4/me', undefined, 'at-made-up')).status).toBe(401)
    const expired = env.emulator.mintToken(env.studio.userId, -1)
    const answer = await call('GET', '/v4/me', undefined, expired)
    expect(answer.status).toBe(401)
    expect(answer.body.errors[0].detail).toContain('expired')
  })

  it('tells a user not linked to an Adobe ID apart', async () => {
    env.emulator.world.users.get(env.studio.userId)!.linkedToAdobe = false
    try {
      const answer = await call('GET', '/v4/me')
      expect(answer.status).toBe(401)
      expect(answer.body.errors[0].detail).toBe('Frame user is not linked to an Adobe ID')
    } finally {
      env.emulator.world.users.get(env.studio.userId)!.linkedToAdobe = true
    }
  })

  it('answers an unknown endpoint with a spec-shaped 404 and rate headers', async () => {
    const answer = await call('GET', '/v4/teleport')
    expect(answer.status).toBe(404)
    expect(answer.body.errors[0].detail).toBe('no such endpoint: GET /v4/teleport')
    expect(answer.headers.get('x-ratelimit-limit')).toBe('100')
  })

  it('hides other accounts and unknown ids behind 404', async () => {
    expect(
      (await call('GET', '/v4/accounts/00000000-0000-4000-8000-000000000000/workspaces')).status,
    ).toBe(404)
    const unknownFile = await call(
      'GET',
      `/v4/accounts/${env.studio.accountId}/files/00000000-0000-4000-8000-000000000000`,
    )
    expect(unknownFile.status).toBe(404)
    expect(unknownFile.body.errors[0].detail).toContain('not found')
  })
})

describe('listings', () => {
  it('walks accounts, workspaces and projects', async () => {
    const accounts = await call('GET', '/v4/accounts')
    expect(accounts.body.data.map((a: { id: string }) => a.id)).toEqual([env.studio.accountId])
    const workspaces = await call('GET', `/v4/accounts/${env.studio.accountId}/workspaces`)
    expect(workspaces.body.data[0].name).toBe('Main')
    const projects = await call(
      'GET',
      `/v4/accounts/${env.studio.accountId}/workspaces/${env.studio.workspaceId}/projects`,
    )
    expect(projects.body.data[0]).toMatchObject({
      id: env.studio.project.id,
      root_folder_id: env.studio.project.rootFolderId,
    })
    const project = await call(
      'GET',
      `/v4/accounts/${env.studio.accountId}/projects/${env.studio.project.id}`,
    )
    expect(project.body.data.name).toBe('Trailer')
  })

  it('pages children by cursor, leaving include out of links.next', async () => {
    const root = env.studio.project.rootFolderId
    for (const name of ['x1', 'x2', 'x3']) {
      await call('POST', `/v4/accounts/${env.studio.accountId}/folders/${root}/folders`, {
        data: { name },
      })
    }
    const seen: string[] = []
    let path: string | null =
      `/v4/accounts/${env.studio.accountId}/folders/${root}/children?page_size=2&include=creator&include_total_count=true`
    let pages = 0
    while (path) {
      const page = await call('GET', path)
      expect(page.status).toBe(200)
      expect(page.body.total_count).toBe(6)
      expect(page.body.data.length).toBeLessThanOrEqual(2)
      seen.push(...page.body.data.map((item: { name: string }) => item.name))
      path = page.body.links.next
      if (path) {
        expect(path).not.toContain('include=')
        path += '&include=creator'
      }
      pages += 1
    }
    expect(pages).toBe(3)
    expect(seen.sort()).toEqual(['Empty', 'Footage', 'notes.txt', 'x1', 'x2', 'x3'])
  })

  it('skips nothing when an item is deleted between pages', async () => {
    const { accountId, project } = env.studio
    const parent = await call(
      'POST',
      `/v4/accounts/${accountId}/folders/${project.rootFolderId}/folders`,
      {
        data: { name: 'paged' },
      },
    )
    const parentId = parent.body.data.id
    const names = ['p1', 'p2', 'p3', 'p4']
    const ids: string[] = []
    for (const name of names) {
      ids.push(
        (
          await call('POST', `/v4/accounts/${accountId}/folders/${parentId}/folders`, {
            data: { name },
          })
        ).body.data.id,
      )
    }
    const first = await call(
      'GET',
      `/v4/accounts/${accountId}/folders/${parentId}/children?page_size=2`,
    )
    expect(first.body.data.map((item: { name: string }) => item.name)).toEqual(['p1', 'p2'])
    await call('DELETE', `/v4/accounts/${accountId}/folders/${ids[1]}`)
    const second = await call('GET', first.body.links.next)
    expect(second.body.data.map((item: { name: string }) => item.name)).toEqual(['p3', 'p4'])
  })

  it('answers a badly encoded address with 404 and keeps serving', async () => {
    const answer = await call('GET', '/v4/accounts/%ZZ/workspaces')
    expect(answer.status).toBe(404)
    expect((await call('GET', '/v4/me')).status).toBe(200)
  })

  it('refuses a page size out of range and a made-up cursor with 422', async () => {
    const root = env.studio.project.rootFolderId
    const big = await call(
      'GET',
      `/v4/accounts/${env.studio.accountId}/folders/${root}/children?page_size=501`,
    )
    expect(big.status).toBe(422)
    expect(big.body.errors[0].detail).toContain('page_size')
    const accounts = await call('GET', '/v4/accounts?page_size=101')
    expect(accounts.status).toBe(422)
    const cursor = await call(
      'GET',
      `/v4/accounts/${env.studio.accountId}/folders/${root}/children?after=nonsense`,
    )
    expect(cursor.status).toBe(422)
  })

  it('lists only files or only folders on the typed endpoints', async () => {
    const footage = env.studio.project.folders['Footage']!
    const files = await call('GET', `/v4/accounts/${env.studio.accountId}/folders/${footage}/files`)
    expect(files.body.data.map((f: { name: string }) => f.name).sort()).toEqual(['a.mov', 'b.mov'])
    const folders = await call(
      'GET',
      `/v4/accounts/${env.studio.accountId}/folders/${env.studio.project.rootFolderId}/folders`,
    )
    expect(folders.body.data.every((f: { type: string }) => f.type === 'folder')).toBe(true)
  })

  it('shows a finished file with its download link when asked to include it', async () => {
    const id = env.studio.project.files['Footage/a.mov']!
    const plain = await call('GET', `/v4/accounts/${env.studio.accountId}/files/${id}`)
    expect(plain.body.data.media_links).toBeUndefined()
    const withLinks = await call(
      'GET',
      `/v4/accounts/${env.studio.accountId}/files/${id}?include=media_links.original`,
    )
    expect(withLinks.body.data).toMatchObject({
      file_size: 2_500,
      status: 'transcoded',
      media_type: 'video/quicktime',
    })
    expect(withLinks.body.data.media_links.original.download_url).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/_storage\//,
    )
  })
})

describe('writes', () => {
  const base = () => `/v4/accounts/${env.studio.accountId}`

  it('creates, renames, moves and deletes folders and files', async () => {
    const created = await call(
      'POST',
      `${base()}/folders/${env.studio.project.rootFolderId}/folders`,
      { data: { name: 'Grade' } },
    )
    expect(created.status).toBe(201)
    const grade = created.body.data.id
    const renamed = await call('PATCH', `${base()}/folders/${grade}`, { data: { name: 'Colour' } })
    expect(renamed.body.data.name).toBe('Colour')
    const notes = env.studio.project.files['notes.txt']!
    const moved = await call('PATCH', `${base()}/files/${notes}/move`, {
      data: { parent_id: grade },
    })
    expect(moved.body.data.parent_id).toBe(grade)
    const fileRenamed = await call('PATCH', `${base()}/files/${notes}`, {
      data: { name: 'notes-v2.txt' },
    })
    expect(fileRenamed.body.data.name).toBe('notes-v2.txt')
    expect((await call('DELETE', `${base()}/folders/${grade}`)).status).toBe(204)
    expect((await call('GET', `${base()}/files/${notes}`)).status).toBe(404)
  })

  it('refuses unknown and missing fields with 422 and a pointer', async () => {
    const root = env.studio.project.rootFolderId
    const extra = await call('POST', `${base()}/folders/${root}/files/local_upload`, {
      data: { name: 'a.mov', file_size: 10, media_type: 'video/mp4' },
    })
    expect(extra.status).toBe(422)
    expect(extra.body.errors[0].source.pointer).toBe('/data/media_type')
    const missing = await call('POST', `${base()}/folders/${root}/folders`, { data: {} })
    expect(missing.status).toBe(422)
    expect(missing.body.errors[0].source.pointer).toBe('/data/name')
    const tooBig = await call('POST', `${base()}/folders/${root}/files/local_upload`, {
      data: { name: 'huge.mov', file_size: 5_000_000_000_001 },
    })
    expect(tooBig.body.errors[0].source.pointer).toBe('/data/file_size')
  })

  it('refuses moving a folder into itself and touching the root folder', async () => {
    const footage = env.studio.project.folders['Footage']!
    const created = await call('POST', `${base()}/folders/${footage}/folders`, {
      data: { name: 'inner' },
    })
    const loop = await call('PATCH', `${base()}/folders/${footage}/move`, {
      data: { parent_id: created.body.data.id },
    })
    expect(loop.status).toBe(422)
    expect(
      (await call('DELETE', `${base()}/folders/${env.studio.project.rootFolderId}`)).status,
    ).toBe(422)
  })
})
