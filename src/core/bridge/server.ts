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
import { authenticate, checkOrigin, newAccessToken } from './auth'
import { serveStatic } from './static'

export interface BridgeOptions {
  handlers: Handlers
  events: EventSource
  /** Folder of the built renderer; without it only /rpc and /events are served. */
  staticDir?: string
  port?: number
  /** Address to listen on: 127.0.0.1 unless the host chose another (with a fixed token). */
  host?: string
  /** Fixed token (e.g. from configuration); a random one per run otherwise. */
  token?: string
  /** Told about failures the caller only sees as a short message. */
  onInternalError?: (where: string, error: unknown) => void
}

export interface Bridge {
  /** http://<host>:<port>, 127.0.0.1 by default */
  readonly origin: string
  readonly token: string
  /** The app's page; its address carries the token, so everything it loads does too. */
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
  // An answer the page expects and handles (no desktop here, not signed in...): the envelope says
  // what happened, and the browser does not log it as a failed load.
  failed: 200,
  internal: 500,
}

function sendResult(response: ServerResponse, result: RpcResult): void {
  response.writeHead(result.ok ? 200 : statusOf[result.error.code], {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  })
  response.end(JSON.stringify(result))
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

function writeEvent(response: ServerResponse, channel: string, payload: unknown): void {
  response.write(`event: ${channel}\ndata: ${JSON.stringify(payload)}\n\n`)
}

/** Opens with the latest value of every channel, so a late or reconnecting page misses nothing. */
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
  for (const channel of eventChannels) {
    const latest = events.latest(channel)
    if (latest !== undefined) writeEvent(response, channel, latest)
  }
  const unsubscribers = eventChannels.map((channel) =>
    events.on(channel, (payload) => writeEvent(response, channel, payload)),
  )
  const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), keepAliveMs)
  streams.add(response)
  request.on('close', () => {
    streams.delete(response)
    clearInterval(keepAlive)
    for (const unsubscribe of unsubscribers) unsubscribe()
  })
}

function refuse(response: ServerResponse, status: number, message: string): void {
  const code = status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : 'invalid-input'
  sendResult(response, failure({ code, message }))
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? newAccessToken()
  const host = options.host ?? '127.0.0.1'
  const server = createServer()
  const streams = new Set<ServerResponse>()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  server.on('error', (error) => options.onInternalError?.('bridge', error))
  const { port } = server.address() as AddressInfo
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  const origins = [origin, `http://127.0.0.1:${port}`, `http://localhost:${port}`]
  const dispatchOptions = options.onInternalError
    ? { onInternalError: options.onInternalError }
    : {}

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let url: URL
    try {
      url = new URL(request.url ?? '/', origin)
    } catch {
      return refuse(response, 400, 'malformed request address')
    }
    const originRefusal = checkOrigin(request, origins)
    if (originRefusal) return refuse(response, originRefusal.status, originRefusal.message)
    const auth = authenticate(request, url.pathname, token)
    if ('status' in auth) return refuse(response, auth.status, auth.message)

    if (auth.path.startsWith('/rpc/')) {
      if (request.method !== 'POST') return void response.writeHead(405, { allow: 'POST' }).end()
      let channel: string
      try {
        channel = decodeURIComponent(auth.path.slice('/rpc/'.length))
      } catch {
        return refuse(response, 400, 'malformed channel name')
      }
      const body = await readJson(request)
      if (!('value' in body)) return sendResult(response, failure(body))
      return sendResult(
        response,
        await dispatch(options.handlers, channel, body.value, dispatchOptions),
      )
    }
    if (request.method !== 'GET') return void response.writeHead(405, { allow: 'GET' }).end()
    if (auth.path === '/events') return streamEvents(request, response, options.events, streams)
    if (auth.tokenInPath && url.pathname === `/${token}`) {
      // The page must sit under /<token>/ for the addresses it loads to carry the token.
      return void response.writeHead(308, { location: `/${token}/` }).end()
    }
    if (!options.staticDir) return void response.writeHead(404).end()
    return serveStatic(options.staticDir, auth.path, response)
  }

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => {
      if (request.destroyed) return void response.destroy() // the caller hung up mid-request
      options.onInternalError?.('bridge', error)
      if (response.headersSent) response.destroy()
      else sendResult(response, failure({ code: 'internal', message: 'the bridge failed' }))
    })
  })

  return {
    origin,
    token,
    pageUrl: `${origin}/${token}/`,
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
