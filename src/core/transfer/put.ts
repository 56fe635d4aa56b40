// One streamed PUT of a part to a storage address, straight on node:http(s) with keep-alive: the
// hottest path of an upload. The body is written chunk by chunk as the caller produces it, each
// chunk handed back once the connection has taken its bytes; a failure on either side (the caller
// or the connection) ends the request and rejects.
import {
  Agent as HttpAgent,
  type ClientRequest,
  type IncomingMessage,
  request as httpRequest,
} from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'

const agents = {
  http: new HttpAgent({ keepAlive: true }),
  https: new HttpsAgent({ keepAlive: true }),
}
const idleTimeoutMs = 60_000

export interface PutAnswer {
  status: number
  etag: string
  body: string
}

/**
 * Sends one chunk of the body: resolves when the request can take more, and calls `release` once
 * the connection is done with the chunk's bytes (never, if the request failed first).
 */
export type WriteChunk = (chunk: Buffer, release: () => void) => Promise<void>

async function readAnswer(response: IncomingMessage): Promise<PutAnswer> {
  let text = ''
  response.setEncoding('utf8')
  for await (const chunk of response) text += chunk as string
  return { status: response.statusCode ?? 0, etag: String(response.headers.etag ?? ''), body: text }
}

/** Resolves once the request wants more of the body; rejects if it ends first. */
function drained(request: ClientRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = () => {
      request.off('drain', settle)
      request.off('close', settle)
      if (request.destroyed) reject(request.errored ?? new Error('the connection closed'))
      else resolve()
    }
    request.on('drain', settle)
    request.on('close', settle)
  })
}

export async function putChunks(
  url: string,
  headers: Record<string, string>,
  body: (write: WriteChunk) => Promise<void>,
  signal?: AbortSignal,
): Promise<PutAnswer> {
  const secure = url.startsWith('https:')
  const request = (secure ? httpsRequest : httpRequest)(url, {
    method: 'PUT',
    headers,
    agent: secure ? agents.https : agents.http,
    ...(signal ? { signal } : {}),
  })
  request.setTimeout(idleTimeoutMs, () => request.destroy(new Error('storage stopped answering')))
  const answered = new Promise<IncomingMessage>((resolve, reject) => {
    request.once('response', resolve)
    request.once('error', reject)
  })
  answered.catch(() => undefined) // an error here also fails `sent`, which is what is reported
  const write: WriteChunk = async (chunk, release) => {
    if (request.destroyed) throw request.errored ?? new Error('the connection closed')
    const more = request.write(chunk, (error) => {
      if (!error) release()
    })
    if (!more) await drained(request)
  }
  const sent = body(write).then(
    () => void request.end(),
    (error: unknown) => {
      request.destroy(error as Error)
      throw error
    },
  )
  // Storage may answer (and refuse) before the body is all sent; the answer decides then, and the
  // rest of the body is not sent.
  const response = await Promise.race([answered, sent.then(() => answered)])
  const answer = await readAnswer(response)
  if (!request.writableFinished) request.destroy()
  await sent.catch(() => undefined)
  return answer
}
