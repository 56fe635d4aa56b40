// The loopback bridge: the contract over HTTP and server-sent events, open only to callers with
// the per-run token from the bridge's own origin, and never brought down by a bad request.
import { request as httpRequest } from 'node:http'
import { connect } from 'node:net'
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

/** Sends a request with the bearer token unless told otherwise; the path is sent as written. */
function send(
  bridge: Bridge,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string; token?: string | null } = {},
): Promise<Reply> {
  const token = options.token === undefined ? bridge.token : options.token
  const headers = {
    ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    ...options.headers,
  }
  const { hostname, port } = new URL(bridge.origin)
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, method, path, headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

/** Writes raw bytes to the bridge and returns all it answers. */
function sendRaw(bridge: Bridge, bytes: string): Promise<string> {
  const { hostname, port } = new URL(bridge.origin)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(bytes))
    let text = ''
    socket.on('data', (chunk) => (text += chunk.toString()))
    socket.on('end', () => resolve(text))
    socket.on('error', reject)
  })
}

describe('loopback bridge', () => {
  let service: AppService
  let bridge: Bridge
  let workDir: string
  let staticDir: string
  const host = { quit: vi.fn(), openExternal: vi.fn(async () => undefined) }
  const internalErrors: string[] = []

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'bridge-'))
    staticDir = join(workDir, 'renderer')
    await mkdir(join(staticDir, 'assets'), { recursive: true })
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>popover</title>')
    await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log(1)')
    await writeFile(join(workDir, 'secret.txt'), 'outside the renderer folder')
    service = createAppService(host)
    bridge = await startBridge({
      ...service,
      staticDir,
      onInternalError: (where) => internalErrors.push(where),
    })
  })

  afterAll(async () => {
    await bridge.close()
    await rm(workDir, { recursive: true, force: true })
  })

  it('listens on 127.0.0.1 with a long random token in the page address', () => {
    expect(bridge.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(bridge.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(bridge.pageUrl).toBe(`${bridge.origin}/${bridge.token}/`)
  })

  it('answers a contract call with the bearer token', async () => {
    const reply = await send(bridge, 'POST', '/rpc/app:getState')
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.body)).toEqual({ ok: true, value: emptyAppState })
  })

  it('serves the page, its files and its calls under /<token>/ without any header', async () => {
    const page = await send(bridge, 'GET', `/${bridge.token}/`, { token: null })
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>popover</title>')
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    expect(page.headers['x-frame-options']).toBe('DENY')
    expect(page.headers['set-cookie']).toBeUndefined()
    const script = await send(bridge, 'GET', `/${bridge.token}/assets/app.js`, { token: null })
    expect(script.status).toBe(200)
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8')
    const call = await send(bridge, 'POST', `/${bridge.token}/rpc/app:getState`, { token: null })
    expect(JSON.parse(call.body)).toEqual({ ok: true, value: emptyAppState })
  })

  it('sends /<token> on to /<token>/ so relative addresses keep the token', async () => {
    const reply = await send(bridge, 'GET', `/${bridge.token}`, { token: null })
    expect(reply.status).toBe(308)
    expect(reply.headers['location']).toBe(`/${bridge.token}/`)
  })

  it.each([
    ['no token', null],
    ['a wrong token', 'x'.repeat(43)],
    ['a token of another length', 'short'],
  ])('refuses %s with 401', async (_label, token) => {
    const paths = [
      ['POST', '/rpc/app:quit'],
      ['GET', '/events'],
      ['GET', '/'],
      ['GET', '/assets/app.js'],
      ['GET', `/${token ?? 'none'}/`],
      ['POST', `/${bridge.token.slice(1)}/rpc/app:quit`],
    ] as const
    for (const [method, path] of paths) {
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
    const reply = await send(bridge, 'POST', `/${bridge.token}/rpc/app:quit`, {
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

  it('survives malformed addresses, channel names and aborted bodies', async () => {
    const malformed = await sendRaw(
      bridge,
      'GET //[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    )
    expect(malformed.startsWith('HTTP/1.1 400 Bad Request')).toBe(true)
    expect(malformed).toContain('malformed request address')
    const badChannel = await send(bridge, 'POST', '/rpc/%E0')
    expect(badChannel.status).toBe(400)
    expect(JSON.parse(badChannel.body).error.message).toBe('malformed channel name')

    const { hostname, port } = new URL(bridge.origin)
    await new Promise<void>((resolve) => {
      const socket = connect(Number(port), hostname, () => {
        socket.write(
          `POST /rpc/app:openExternal HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
            `Authorization: Bearer ${bridge.token}\r\nContent-Length: 1000\r\n\r\n{"url":`,
        )
        setTimeout(() => socket.destroy(), 50)
      })
      socket.on('close', () => resolve())
    })
    const after = await send(bridge, 'POST', '/rpc/app:getState')
    expect(after.status).toBe(200)
  })

  it('serves nothing outside the renderer folder', async () => {
    expect((await send(bridge, 'GET', '/assets/missing.js')).status).toBe(404)
    const escape = await send(bridge, 'GET', `/${bridge.token}/..%2fsecret.txt`, { token: null })
    expect(escape.status).toBe(404)
    expect(escape.body).not.toContain('outside the renderer folder')
    expect(resolveStaticPath('/srv/app', '/..%2fsecret')).toBeNull()
    expect(resolveStaticPath('/srv/app', '/a%00b')).toBeNull()
    expect(resolveStaticPath('/srv/app', '/%E0%A4%A')).toBeNull()
    expect(resolveStaticPath('/srv/app', '/')).toBe('/srv/app/index.html')
  })

  it('starts each event stream with the current state, then streams changes', async () => {
    service.update({ paused: true })
    const events: unknown[] = []
    await new Promise<void>((resolve, reject) => {
      const req = httpRequest(`${bridge.pageUrl}events`, (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8')
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          text += chunk
          let end: number
          while ((end = text.indexOf('\n\n')) >= 0) {
            const block = text.slice(0, end)
            text = text.slice(end + 2)
            const data = block.split('\n').find((line) => line.startsWith('data: '))
            if (!block.includes('event: state') || !data) continue
            events.push(JSON.parse(data.slice('data: '.length)))
            if (events.length === 1) service.update({ paused: false })
            else {
              req.destroy()
              resolve()
            }
          }
        })
      })
      req.on('error', reject)
      req.end()
    })
    expect(events).toEqual([
      { ...emptyAppState, paused: true },
      { ...emptyAppState, paused: false },
    ])
  })

  it('reported no internal failure along the way', () => {
    expect(internalErrors).toEqual([])
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
