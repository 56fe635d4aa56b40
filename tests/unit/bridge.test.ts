// The loopback bridge: the contract over HTTP and server-sent events, open only to callers with
// the per-run token from the bridge's own origin.
import { request as httpRequest } from 'node:http'
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { type AppService, type Bridge, createAppService, startBridge } from '../../src/core'
import { resolveStaticPath } from '../../src/core/bridge/static'
import { emptyAppState } from '../../src/shared'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

function send(
  bridge: Bridge,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string; token?: string | null } = {},
): Promise<Reply> {
  const url = new URL(path, bridge.origin)
  const token = options.token === undefined ? bridge.token : options.token
  const headers = {
    ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    ...options.headers,
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

describe('loopback bridge', () => {
  let service: AppService
  let bridge: Bridge
  let staticDir: string
  const host = { quit: vi.fn(), openExternal: vi.fn(async () => undefined) }

  beforeAll(async () => {
    staticDir = await mkdtemp(join(tmpdir(), 'bridge-static-'))
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>popover</title>')
    await mkdir(join(staticDir, 'assets'))
    await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log(1)')
    service = createAppService(host)
    bridge = await startBridge({ handlers: service.handlers, events: service.events, staticDir })
  })

  afterAll(async () => {
    await bridge.close()
    await rm(staticDir, { recursive: true, force: true })
  })

  it('listens on 127.0.0.1 with a long random token', () => {
    expect(bridge.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(bridge.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(bridge.pageUrl).toBe(`${bridge.origin}/?token=${bridge.token}`)
  })

  it('answers a contract call with the token', async () => {
    const reply = await send(bridge, 'POST', '/rpc/app:getState')
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.body)).toEqual({ ok: true, value: emptyAppState })
  })

  it.each([
    ['no token', null],
    ['a wrong token', 'x'.repeat(43)],
    ['a token of another length', 'short'],
  ])('refuses %s with 401', async (_label, token) => {
    for (const [method, path] of [
      ['POST', '/rpc/app:quit'],
      ['GET', '/events'],
      ['GET', '/'],
      ['GET', '/assets/app.js'],
    ] as const) {
      const reply = await send(bridge, method, path, { token })
      expect(reply.status, `${method} ${path}`).toBe(401)
      expect(JSON.parse(reply.body)).toEqual({
        ok: false,
        error: { code: 'unauthorized', message: 'missing or wrong access token' },
      })
    }
    expect(host.quit).not.toHaveBeenCalled()
  })

  it('refuses a page of another origin even with the token', async () => {
    const reply = await send(bridge, 'POST', '/rpc/app:quit', {
      headers: { origin: 'https://evil.example' },
    })
    expect(reply.status).toBe(403)
    expect(JSON.parse(reply.body).error.message).toBe('origin not allowed: https://evil.example')
    expect(host.quit).not.toHaveBeenCalled()
  })

  it('refuses a request for another host name (DNS rebinding)', async () => {
    const reply = await send(bridge, 'POST', '/rpc/app:getState', {
      headers: { host: 'rebind.example:80' },
    })
    expect(reply.status).toBe(403)
    expect(JSON.parse(reply.body).error.message).toBe('host not allowed: rebind.example:80')
  })

  it('accepts its own origin', async () => {
    const reply = await send(bridge, 'POST', '/rpc/app:getState', {
      headers: { origin: bridge.origin },
    })
    expect(reply.status).toBe(200)
  })

  it('answers bad input with 400 naming the field, and unknown channels with 404', async () => {
    const bad = await send(bridge, 'POST', '/rpc/app:openExternal', {
      body: JSON.stringify({ url: 'ftp://example.com' }),
    })
    expect(bad.status).toBe(400)
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { field: 'url' } })
    const garbled = await send(bridge, 'POST', '/rpc/app:openExternal', { body: '{url:' })
    expect(garbled.status).toBe(400)
    expect(JSON.parse(garbled.body).error.message).toBe('request body is not valid JSON')
    const unknown = await send(bridge, 'POST', '/rpc/app:nope')
    expect(unknown.status).toBe(404)
    expect(host.openExternal).not.toHaveBeenCalled()
  })

  it('only takes POST for calls', async () => {
    const reply = await send(bridge, 'GET', '/rpc/app:getState')
    expect(reply.status).toBe(405)
  })

  it('trades ?token= on a page load for an HttpOnly cookie, then serves with it', async () => {
    const first = await send(bridge, 'GET', `/?token=${bridge.token}`, { token: null })
    expect(first.status).toBe(303)
    expect(first.headers['location']).toBe('/')
    const cookie = String(first.headers['set-cookie']).split(';')[0]!
    expect(String(first.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/)

    const page = await send(bridge, 'GET', '/', { token: null, headers: { cookie } })
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>popover</title>')
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    expect(page.headers['x-frame-options']).toBe('DENY')

    const call = await send(bridge, 'POST', '/rpc/app:getState', {
      token: null,
      headers: { cookie },
    })
    expect(call.status).toBe(200)
  })

  it('does not trade a wrong ?token=', async () => {
    const reply = await send(bridge, 'GET', '/?token=guess', { token: null })
    expect(reply.status).toBe(401)
    expect(reply.headers['set-cookie']).toBeUndefined()
  })

  it('serves built files with their types and nothing outside the folder', async () => {
    const script = await send(bridge, 'GET', '/assets/app.js')
    expect(script.status).toBe(200)
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect((await send(bridge, 'GET', '/assets/missing.js')).status).toBe(404)
    expect((await send(bridge, 'GET', '/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404)
    expect(resolveStaticPath('/srv/app', '/%2e%2e/secret')).toBeNull()
    expect(resolveStaticPath('/srv/app', '/a%00b')).toBeNull()
    expect(resolveStaticPath('/srv/app', '/%E0%A4%A')).toBeNull()
    expect(resolveStaticPath('/srv/app', '/')).toBe('/srv/app/index.html')
  })

  it('streams state events to a subscriber', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        new URL('/events', bridge.origin),
        { headers: { authorization: `Bearer ${bridge.token}` } },
        (res) => {
          expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8')
          let text = ''
          res.setEncoding('utf8')
          res.once('data', () => service.update({ paused: true }))
          res.on('data', (chunk: string) => {
            text += chunk
            const event = text.indexOf('event: state')
            if (event >= 0 && text.includes('\n\n', event)) {
              req.destroy()
              resolve(text)
            }
          })
        },
      )
      req.on('error', reject)
      req.end()
    })
    const text = await received
    const data = text.slice(text.indexOf('event: state')).split('\n')[1]!
    expect(data.startsWith('data: ')).toBe(true)
    expect(JSON.parse(data.slice('data: '.length))).toEqual({ ...emptyAppState, paused: true })
  })
})

describe('loopback bridge without a built renderer', () => {
  it('says how to build it', async () => {
    const service = createAppService({ quit: vi.fn(), openExternal: vi.fn() })
    const empty = await mkdtemp(join(tmpdir(), 'bridge-empty-'))
    const bridge = await startBridge({ ...service, staticDir: empty })
    try {
      const reply = await send(bridge, 'GET', '/')
      expect(reply.status).toBe(503)
      expect(reply.body).toContain('run npm run build')
    } finally {
      await bridge.close()
      await rm(empty, { recursive: true, force: true })
    }
  })
})
