// One streamed PUT of a part to a storage address, straight on node:http(s) with keep-alive: the
// hottest path of an upload, so nothing sits between the file and the socket but the hashing.
import { Agent as HttpAgent, request as httpRequest } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import type { Readable } from 'node:stream'

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

export function putStream(
  url: string,
  body: Readable,
  headers: Record<string, string>,
  signal?: AbortSignal,
): Promise<PutAnswer> {
  const secure = url.startsWith('https:')
  return new Promise((resolve, reject) => {
    const request = (secure ? httpsRequest : httpRequest)(url, {
      method: 'PUT',
      headers,
      agent: secure ? agents.https : agents.http,
      ...(signal ? { signal } : {}),
    })
    request.setTimeout(idleTimeoutMs, () => request.destroy(new Error('storage stopped answering')))
    request.on('error', reject)
    request.on('response', (response) => {
      let text = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (text += chunk))
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          etag: String(response.headers.etag ?? ''),
          body: text,
        }),
      )
      response.on('error', reject)
    })
    body.on('error', (error) => request.destroy(error))
    body.pipe(request)
  })
}
