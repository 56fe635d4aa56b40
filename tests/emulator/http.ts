// Small HTTP helpers shared by the emulator's routes: JSON answers, spec-shaped error bodies,
// bounded JSON request bodies, and path patterns with named parameters.
import type { IncomingMessage, ServerResponse } from 'node:http'

export class HttpError extends Error {
  readonly status: number
  readonly detail: string
  readonly pointer: string | undefined

  constructor(status: number, detail: string, pointer?: string) {
    super(detail)
    this.status = status
    this.detail = detail
    this.pointer = pointer
  }
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
}

export function errorBody(status: number, detail: string, pointer?: string) {
  const error = {
    detail,
    title: titles[status] ?? 'Error',
    ...(pointer ? { source: { pointer } } : {}),
  }
  return { errors: [error] }
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body)
  response.writeHead(status, {
    ...headers,
    ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}),
    'content-length': String(Buffer.byteLength(text)),
  })
  response.end(text)
}

const maxBodyBytes = 1024 * 1024

/** A small request body (JSON or form), refused past 1 MiB. */
export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > maxBodyBytes) throw new HttpError(400, 'request body too large')
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const text = await readBody(request)
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new HttpError(400, 'request body is not valid JSON')
  }
}

/** Matches `/v4/accounts/{account_id}/files/{file_id}` style patterns; null when it does not fit. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const names: string[] = []
  const source = pattern.replace(/\{(\w+)\}/g, (_all, name: string) => {
    names.push(name)
    return '([^/]+)'
  })
  const match = new RegExp(`^${source}$`).exec(path)
  if (!match) return null
  try {
    return Object.fromEntries(
      names.map((name, index) => [name, decodeURIComponent(match[index + 1]!)]),
    )
  } catch {
    return null // bad percent-encoding: no such address
  }
}

/** The bearer token of a request, if it has one. */
export function bearer(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined
}
