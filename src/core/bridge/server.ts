// The loopback bridge: the IPC contract over HTTP (POST /rpc/<channel>) and server-sent events
// (GET /events) on 127.0.0.1, plus the built renderer. Used by `serve` mode and end-to-end tests.
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  type EventSource,
  type Handlers,
  type IpcErrorBody,
  type RpcResult,
  dispatch,
  eventChannels,
  failure,
} from '../../shared'
import { checkOrigin, checkToken, cookieName, newAccessToken, sameToken } from './auth'
import { serveStatic } from './static'

export interface BridgeOptions {
  handlers: Handlers
  events: EventSource
  /** Folder of the built renderer; without it only /rpc and /events are served. */
  staticDir?: string
  port?: number
  /** Fixed token (e.g. from configuration); a random one per run otherwise. */
  token?: string
  onInternalError?: (channel: string, error: unknown) => void
}

export interface Bridge {
  /** http://127.0.0.1:<port> */
  readonly origin: string
  readonly token: string
  /** Opening this in a browser exchanges the token for a session cookie. */
  readonly pageUrl: string
  close(): Promise<void>
}

const maxBodyBytes = 1024 * 1024
const keepAliveMs = 15_000
const closeGraceMs = 1_000

const statusOf: Record<IpcErrorBody['code'], number> = {
  'invalid-input': 400,
  unauthorized: 401,
  forbidden: 403,
  'unknown-channel': 404,
  internal: 500,
}

function sendResult(response: ServerResponse, result: RpcResult): void {
  const body = JSON.stringify(result)
  response.writeHead(result.ok ? 200 : statusOf[result.error.code], {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  })
  response.end(body)
}

async function readJson(request: IncomingMessage): Promise<{ value: unknown } | IpcErrorBody> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > maxBodyBytes) return { code: 'invalid-input', message: 'request body too large' }
    chunks.push(chunk)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  if (text.trim() === '') return { value: undefined }
  try {
    return { value: JSON.parse(text) as unknown }
  } catch {
    return { code: 'invalid-input', message: 'request body is not valid JSON' }
  }
}

function streamEvents(
  request: IncomingMessage,
  response: ServerResponse,
  events: EventSource,
  streams: Set<ServerResponse>,
) {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  })
  response.write(': connected\n\n')
  const unsubscribers = eventChannels.map((channel) =>
    events.on(channel, (payload) => {
      response.write(`event: ${channel}\ndata: ${JSON.stringify(payload)}\n\n`)
    }),
  )
  const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), keepAliveMs)
  streams.add(response)
  request.on('close', () => {
    streams.delete(response)
    clearInterval(keepAlive)
    for (const unsubscribe of unsubscribers) unsubscribe()
  })
}

/** A page load carrying ?token=: set the session cookie and reload without it in the address. */
function exchangeTokenForCookie(url: URL, response: ServerResponse, port: number, token: string) {
  url.searchParams.delete('token')
  response.writeHead(303, {
    location: url.pathname + url.search,
    'set-cookie': `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`,
    'cache-control': 'no-store',
  })
  response.end()
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? newAccessToken()
  const server = createServer()
  const streams = new Set<ServerResponse>()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`
  const origins = [origin, `http://localhost:${port}`]

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', origin)
    const originRefusal = checkOrigin(request, origins)
    const pageLoad = request.method === 'GET' && !url.pathname.startsWith('/rpc/')
    if (
      !originRefusal &&
      pageLoad &&
      sameToken(url.searchParams.get('token') ?? undefined, token)
    ) {
      exchangeTokenForCookie(url, response, port, token)
      return
    }
    const refusal = originRefusal ?? checkToken(request, port, token)
    if (refusal) {
      const code = refusal.status === 401 ? 'unauthorized' : 'forbidden'
      sendResult(response, failure({ code, message: refusal.message }))
      return
    }
    if (url.pathname.startsWith('/rpc/')) {
      if (request.method !== 'POST') {
        response.writeHead(405, { allow: 'POST' }).end()
        return
      }
      const channel = decodeURIComponent(url.pathname.slice('/rpc/'.length))
      void readJson(request).then(async (body) => {
        if (!('value' in body)) return sendResult(response, failure(body))
        const onInternalError = options.onInternalError
        sendResult(
          response,
          await dispatch(
            options.handlers,
            channel,
            body.value,
            onInternalError ? { onInternalError } : {},
          ),
        )
      })
      return
    }
    if (request.method !== 'GET') {
      response.writeHead(405, { allow: 'GET' }).end()
      return
    }
    if (url.pathname === '/events') {
      streamEvents(request, response, options.events, streams)
      return
    }
    if (!options.staticDir) {
      response.writeHead(404).end()
      return
    }
    void serveStatic(options.staticDir, url.pathname, response)
  })

  return {
    origin,
    token,
    pageUrl: `${origin}/?token=${token}`,
    /** Lets calls in flight answer (a Quit call, say), ends event streams, then closes. */
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const stream of streams) stream.end()
        server.closeIdleConnections()
        setTimeout(() => server.closeAllConnections(), closeGraceMs).unref()
      }),
  }
}
