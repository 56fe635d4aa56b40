// One streamed PUT of a part to a storage address, straight on node:http(s) with keep-alive: the
// hottest path of an upload. The body streams are piped with full error handling, so a file that
// vanishes or a connection that drops ends the request, destroys every stream and rejects.
import { Agent as HttpAgent, type IncomingMessage, request as httpRequest } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import type { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'

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

async function readAnswer(response: IncomingMessage): Promise<PutAnswer> {
  let text = ''
  response.setEncoding('utf8')
  for await (const chunk of response) text += chunk as string
  return { status: response.statusCode ?? 0, etag: String(response.headers.etag ?? ''), body: text }
}

export async function putStream(
  url: string,
  body: [Readable, ...Transform[]],
  headers: Record<string, string>,
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
  const sent = pipeline([...body, request])
  // Storage may answer (and refuse) before the body is all sent; the answer decides then.
  const response = await Promise.race([answered, sent.then(() => answered)])
  await sent.catch(() => undefined)
  return readAnswer(response)
}
