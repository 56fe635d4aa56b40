// Rate limits and injected faults: 429 with and without Retry-After, status bursts, resets and
// corruption after N bytes, latency, revocation, repeatable choices for a seed; and the control API.
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { startEmulator } from '../emulator/index.ts'
import { downloadUrlOf, json, useEmulator } from './checked-emulator.ts'

const env = useEmulator({ rateLimitScale: 1 })
const me = (token?: string) =>
  fetch(`${env.emulator.url}/v4/me`, { headers: env.emulator.auth(token) })

const downloadUrl = (path: string) => downloadUrlOf(env, path)

describe('rate limits', () => {
  it('answers 429 with a spec body and Retry-After once the documented limit is spent', async () => {
    const { accountId, project } = env.studio
    const create = () =>
      fetch(
        `${env.emulator.url}/v4/accounts/${accountId}/folders/${project.rootFolderId}/folders`,
        {
          method: 'POST',
          headers: { ...env.emulator.auth(), 'content-type': 'application/json' },
          body: JSON.stringify({ data: { name: 'burst' } }),
        },
      )
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push(await create())
    expect(statuses.map((answer) => answer.status)).toEqual([201, 201, 201, 429])
    const refused = statuses[3]!
    expect(refused.headers.get('x-ratelimit-limit')).toBe('3')
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(refused.headers.get('x-ratelimit-window')).toBe('1000')
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect((await json(refused)).errors[0].detail).toBe('Rate limit exceeded')
  })

  it('leaves Retry-After out when told to', async () => {
    env.emulator.settings.retryAfter = false
    env.emulator.settings.rateLimitScale = 0.01
    try {
      expect((await me()).status).toBe(200)
      const refused = await me()
      expect(refused.status).toBe(429)
      expect(refused.headers.get('retry-after')).toBeNull()
    } finally {
      env.emulator.settings.retryAfter = true
      env.emulator.settings.rateLimitScale = 1
    }
  })
})

describe('faults', () => {
  it('answers a burst of injected statuses, then recovers', async () => {
    env.emulator.faults.add({ match: '^GET /v4/me$', kind: 'status', status: 503, times: 2 })
    expect((await me()).status).toBe(503)
    const second = await me()
    expect(second.status).toBe(503)
    expect((await json(second)).errors[0].detail).toContain('injected')
    expect((await me()).status).toBe(200)
  })

  it('adds latency', async () => {
    env.emulator.faults.add({ match: '^GET /v4/me$', kind: 'latency', ms: 150, times: 1 })
    const started = Date.now()
    await me()
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
  })

  it('cuts a download after N bytes', async () => {
    const url = await downloadUrl('Footage/a.mov')
    env.emulator.faults.add({
      match: '^GET /_storage/download/',
      kind: 'reset',
      afterBytes: 1_000,
      times: 1,
    })
    const answer = await fetch(url)
    await expect(answer.arrayBuffer()).rejects.toThrow()
    expect((await (await fetch(url)).arrayBuffer()).byteLength).toBe(2_500)
  })

  it('corrupts one byte of a download', async () => {
    const url = await downloadUrl('notes.txt')
    env.emulator.faults.add({
      match: '^GET /_storage/download/',
      kind: 'corrupt',
      atByte: 1,
      times: 1,
    })
    const bytes = Buffer.from(await (await fetch(url)).arrayBuffer())
    expect(bytes.length).toBe(5)
    expect(bytes.toString('latin1')).not.toBe('hello')
    expect(bytes[0]).toBe('h'.charCodeAt(0))
    expect(bytes[1]).toBe('e'.charCodeAt(0) ^ 0xff)
  })

  it('revokes the token a request carries', async () => {
    const token = env.emulator.mintToken(env.studio.userId)
    env.emulator.faults.add({ match: '^GET /v4/me$', kind: 'revoke', times: 1 })
    const answer = await me(token)
    expect(answer.status).toBe(401)
    expect((await json(answer)).errors[0].detail).toContain('revoked')
  })

  it('makes the same choices for the same seed', async () => {
    async function pattern(seed: number) {
      const emulator = await startEmulator({ faultSeed: seed, rateLimits: false })
      try {
        await emulator.seed({ users: [{ name: 'S', email: 's@example.com' }] })
        const token = emulator.mintToken()
        emulator.faults.add({
          match: '^GET /v4/me$',
          kind: 'status',
          status: 500,
          probability: 0.5,
        })
        const statuses = []
        for (let i = 0; i < 16; i++) {
          statuses.push(
            (
              await fetch(`${emulator.url}/v4/me`, {
                headers: { authorization: `Bearer ${token}` },
              })
            ).status,
          )
        }
        return statuses.join(',')
      } finally {
        await emulator.stop()
      }
    }
    const first = await pattern(7)
    expect(await pattern(7)).toBe(first)
    expect(first).toContain('500')
    expect(first).toContain('200')
  })
})

describe('control API', () => {
  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${env.emulator.url}/_emulator/${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    })

  it('injects faults, changes settings, mints tokens and logs requests over HTTP', async () => {
    const added = await control('POST', 'faults', {
      match: '^GET /v4/me$',
      kind: 'status',
      status: 502,
      times: 1,
    })
    expect(added.status).toBe(201)
    expect((await me()).status).toBe(502)
    expect((await control('PATCH', 'settings', { retryAfter: false })).status).toBe(200)
    expect(env.emulator.settings.retryAfter).toBe(false)
    env.emulator.settings.retryAfter = true
    expect((await control('PATCH', 'settings', { colour: 'red' })).status).toBe(422)
    expect((await control('PATCH', 'settings', { partSize: 'big' })).status).toBe(422)
    expect((await control('PATCH', 'settings', { partSize: 0 })).status).toBe(422)
    const minted = await json(await control('POST', 'tokens', { user_id: env.studio.userId }))
    expect((await me(minted.access_token)).status).toBe(200)
    const log = await json(await control('GET', 'requests'))
    expect(log.requests.at(-1)).toMatchObject({
      method: 'GET',
      path: '/v4/me',
      operationId: 'users.show',
      status: 200,
    })
  })

  it('refuses a fault rule without match or kind', async () => {
    expect((await control('POST', 'faults', { kind: 'status' })).status).toBe(422)
  })

  it('seeds, dumps and resets', async () => {
    const emulator = await startEmulator()
    try {
      const seeded = await fetch(`${emulator.url}/_emulator/seed`, {
        method: 'POST',
        body: JSON.stringify({
          users: [
            {
              name: 'R',
              email: 'r@example.com',
              accounts: [
                {
                  name: 'A',
                  workspaces: [
                    { name: 'W', projects: [{ name: 'P', files: { 'a/b.txt': { text: 'hi' } } }] },
                  ],
                },
              ],
            },
          ],
        }),
      })
      expect(seeded.status).toBe(201)
      const tree = await json(await fetch(`${emulator.url}/_emulator/tree`))
      const root = tree.accounts[0].workspaces[0].projects[0].root
      expect(root.children[0]).toMatchObject({ name: 'a', type: 'folder' })
      expect(root.children[0].children[0]).toMatchObject({
        name: 'b.txt',
        size: 2,
        md5: createHash('md5').update('hi').digest('hex'),
      })
      expect((await fetch(`${emulator.url}/_emulator/reset`, { method: 'POST' })).status).toBe(200)
      expect((await json(await fetch(`${emulator.url}/_emulator/tree`))).accounts).toEqual([])
    } finally {
      await emulator.stop()
    }
  })
})
