// S3 as the upload and download URLs see it: signed addresses (expiry plus an HMAC over method,
// path, expiry and the signed headers content-type and x-amz-acl), part PUTs answered with the
// part's MD5 as ETag, and ranged downloads. Refusals are S3-style XML.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { BlobStore, ByteRange } from './blobs.ts'
import type { FaultEffect } from './faults.ts'
import { matchPath } from './http.ts'
import { type EmulatedFile, type World, timestamp } from './model.ts'
import type { Settings } from './options.ts'

/** Splits a size as the published example does: ceil(size / partSize) parts, earlier ones larger. */
export function partSizes(size: number, partSize: number): number[] {
  const count = Math.max(1, Math.ceil(size / partSize))
  const base = Math.floor(size / count)
  const extra = size % count
  return Array.from({ length: count }, (_, index) => base + (index < extra ? 1 : 0))
}

/** S3's ETag for an object: the MD5 for one part, else the MD5 of the part MD5s and a count. */
export function objectEtag(partMd5s: string[]): string {
  if (partMd5s.length === 1) return `"${partMd5s[0]}"`
  const joined = createHash('md5')
  for (const md5 of partMd5s) joined.update(Buffer.from(md5, 'hex'))
  return `"${joined.digest('hex')}-${partMd5s.length}"`
}

export function s3Error(
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
): void {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`
  response.writeHead(status, {
    'content-type': 'application/xml',
    'content-length': String(Buffer.byteLength(xml)),
  })
  response.end(xml)
}

/**
 * Parses a `Range` header as S3 does: one `bytes=` range is served (206), one that starts past the
 * end is refused (416), and anything else (other units, several ranges, nonsense) is ignored, so
 * the whole object is sent.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'invalid' {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null
  if (!match || (match[1] === '' && match[2] === '')) return null
  if (match[1] === '') {
    const suffix = Number(match[2])
    return suffix === 0 || size === 0
      ? 'invalid'
      : { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(match[1])
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1)
  if (match[2] !== '' && Number(match[2]) < start) return null
  return start >= size ? 'invalid' : { start, end }
}

export interface Storage {
  uploadUrl(file: EmulatedFile, index: number): string
  downloadUrl(file: EmulatedFile): string
  handle(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    faults: FaultEffect[],
  ): Promise<boolean>
}

export function createStorage(deps: {
  origin: () => string
  settings: () => Settings
  world: World
  blobs: BlobStore
  now?: () => number
}): Storage {
  const key = randomBytes(32)
  const now = deps.now ?? Date.now

  const sign = (method: string, path: string, expires: number, contentType: string, acl: string) =>
    createHmac('sha256', key)
      .update([method, path, String(expires), contentType, acl].join('\n'))
      .digest('hex')

  function signedUrl(
    method: string,
    path: string,
    ttlMs: number,
    contentType = '',
    acl = '',
  ): string {
    const expires = Math.floor((now() + ttlMs) / 1000)
    const signature = sign(method, path, expires, contentType, acl)
    return `${deps.origin()}${path}?X-Expires=${expires}&X-Signature=${signature}`
  }

  /** null when the signature and expiry hold; otherwise the S3 error to answer. */
  function checkSignature(request: IncomingMessage, url: URL, contentType: string, acl: string) {
    const expires = Number(url.searchParams.get('X-Expires'))
    const given = Buffer.from(url.searchParams.get('X-Signature') ?? '', 'hex')
    const expected = Buffer.from(
      sign(request.method ?? '', url.pathname, expires, contentType, acl),
      'hex',
    )
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return {
        code: 'SignatureDoesNotMatch',
        message: 'The request signature we calculated does not match the signature you provided.',
      }
    }
    if (expires * 1000 < now()) return { code: 'AccessDenied', message: 'Request has expired' }
    return null
  }

  function finishUpload(file: EmulatedFile): void {
    const settings = deps.settings()
    const markUploaded = () => {
      file.status = 'uploaded'
      file.uploadedAt = timestamp()
      file.updatedAt = file.uploadedAt
      setTimeout(() => {
        if (file.status === 'uploaded') file.status = 'transcoded'
      }, settings.transcodeDelayMs).unref()
    }
    if (settings.uploadedDelayMs <= 0) markUploaded()
    else setTimeout(markUploaded, settings.uploadedDelayMs).unref()
  }

  async function putPart(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    faults: FaultEffect[],
  ) {
    const params = matchPath('/_storage/upload/{file_id}/{index}', url.pathname)
    const file = params ? deps.world.assets.get(params['file_id']!) : undefined
    const index = Number(params?.['index'])
    const part = file?.type === 'file' ? file.parts[index] : undefined
    if (!file || file.type !== 'file' || !part)
      return s3Error(response, 404, 'NoSuchUpload', 'The specified upload does not exist.')
    const refusal = checkSignature(
      request,
      url,
      request.headers['content-type'] ?? '',
      String(request.headers['x-amz-acl'] ?? ''),
    )
    if (refusal) return s3Error(response, 403, refusal.code, refusal.message)
    const declared = request.headers['content-length']
    if (declared === undefined) {
      return s3Error(
        response,
        411,
        'MissingContentLength',
        'You must provide the Content-Length HTTP header.',
      )
    }
    if (Number(declared) !== part.size) {
      return s3Error(
        response,
        403,
        'InvalidPartSize',
        `This part must be exactly ${part.size} bytes.`,
      )
    }
    const cut = faults.find((effect) => effect.kind === 'reset' && effect.on === 'request')
    const corrupt = faults.find((effect) => effect.kind === 'corrupt' && effect.on === 'request')
    let received = 0
    const watch = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        if (
          corrupt?.kind === 'corrupt' &&
          corrupt.atByte >= received &&
          corrupt.atByte < received + chunk.length
        ) {
          chunk = Buffer.from(chunk)
          chunk[corrupt.atByte - received] = chunk[corrupt.atByte - received]! ^ 0xff
        }
        received += chunk.length
        if (cut?.kind === 'reset' && received > cut.afterBytes) {
          request.socket.destroy()
          return done(new Error('connection reset by fault injection'))
        }
        done(null, chunk)
      },
    })
    const writing = deps.blobs.writePart(file.id, index, watch, part.size)
    await pipeline(request, watch).catch(() => undefined)
    const written = await writing.catch(() => null)
    if (request.socket.destroyed) return
    if (!written)
      return s3Error(
        response,
        500,
        'InternalError',
        'We encountered an internal error. Please try again.',
      )
    if (written.size !== part.size) {
      return s3Error(
        response,
        403,
        'InvalidPartSize',
        `This part must be exactly ${part.size} bytes, got ${written.size}.`,
      )
    }
    const wasComplete = file.parts.every((each) => each.md5 !== null)
    part.md5 = written.md5
    if (!wasComplete && file.parts.every((each) => each.md5 !== null)) finishUpload(file)
    response.writeHead(200, { etag: `"${written.md5}"`, 'content-length': '0' })
    response.end()
  }

  function getObject(request: IncomingMessage, response: ServerResponse, url: URL) {
    const params = matchPath('/_storage/download/{file_id}', url.pathname)
    const refusal = checkSignature(request, url, '', '')
    if (refusal) return s3Error(response, 403, refusal.code, refusal.message)
    const file = params ? deps.world.assets.get(params['file_id']!) : undefined
    if (!file || file.type !== 'file' || file.status === 'created') {
      return s3Error(response, 404, 'NoSuchKey', 'The specified key does not exist.')
    }
    const sizes = file.parts.map((part) => part.size)
    const range = parseRange(request.headers.range, file.fileSize)
    if (range === 'invalid') {
      response.writeHead(416, { 'content-range': `bytes */${file.fileSize}` })
      return void response.end()
    }
    const slice = range ?? { start: 0, end: file.fileSize - 1 }
    const length = file.fileSize === 0 ? 0 : slice.end - slice.start + 1
    response.writeHead(range ? 206 : 200, {
      'content-type': file.mediaType,
      'content-length': String(length),
      'accept-ranges': 'bytes',
      etag: objectEtag(file.parts.map((part) => part.md5 ?? '')),
      ...(range ? { 'content-range': `bytes ${slice.start}-${slice.end}/${file.fileSize}` } : {}),
    })
    if (length === 0) return void response.end()
    // A file deleted mid-download, or a client gone, ends the answer; it never takes the server down.
    void pipeline(deps.blobs.read(file.id, sizes, slice), response).catch(() => response.destroy())
  }

  return {
    uploadUrl(file, index) {
      return signedUrl(
        'PUT',
        `/_storage/upload/${file.id}/${index}`,
        deps.settings().uploadUrlTtlMs,
        file.mediaType,
        'private',
      )
    },
    downloadUrl(file) {
      return signedUrl('GET', `/_storage/download/${file.id}`, deps.settings().downloadUrlTtlMs)
    },
    async handle(request, response, url, faults) {
      if (request.method === 'PUT' && url.pathname.startsWith('/_storage/upload/')) {
        await putPart(request, response, url, faults)
      } else if (request.method === 'GET' && url.pathname.startsWith('/_storage/download/')) {
        getObject(request, response, url)
      } else return false
      return true
    },
  }
}
