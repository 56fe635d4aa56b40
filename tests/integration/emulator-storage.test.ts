// The emulator's storage: part sizes as published, signed PUTs that refuse other headers, expired
// addresses and wrong sizes with S3-style 403s, ETag = MD5, status after the last part, and ranged
// downloads.
import { createHash } from 'node:crypto'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Readable } from 'node:stream'
import { partSizes, startEmulator } from '../emulator/index.ts'
import { DiskBlobs, MemoryBlobs } from '../emulator/blobs.ts'
import { downloadUrlOf, json, useEmulator } from './checked-emulator.ts'

const env = useEmulator({
  rateLimits: false,
  partSize: 10,
  uploadedDelayMs: 0,
  transcodeDelayMs: 50,
})
const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex')

async function createUpload(name: string, size: number) {
  const { emulator, studio } = env
  const response = await fetch(
    `${emulator.url}/v4/accounts/${studio.accountId}/folders/${studio.project.rootFolderId}/files/local_upload`,
    {
      method: 'POST',
      headers: { ...emulator.auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ data: { name, file_size: size } }),
    },
  )
  expect(response.status).toBe(201)
  return (await json(response)).data as {
    id: string
    media_type: string
    status: string
    upload_urls: Array<{ size: number; url: string }>
  }
}

function put(url: string, body: Buffer, headers: Record<string, string>) {
  return fetch(url, { method: 'PUT', body, headers })
}

async function fileStatus(id: string) {
  const { emulator, studio } = env
  const response = await fetch(
    `${emulator.url}/v4/accounts/${studio.accountId}/files/${id}/status`,
    {
      headers: emulator.auth(),
    },
  )
  return (await json(response)).data as { upload_complete: boolean }
}

describe('part sizes', () => {
  it('follow the published example: ceil(size / part), split evenly, earlier parts larger', () => {
    expect(partSizes(25, 10)).toEqual([9, 8, 8])
    expect(partSizes(20, 10)).toEqual([10, 10])
    expect(partSizes(1, 10)).toEqual([1])
    expect(partSizes(45_000_000, 20_000_000)).toEqual([15_000_000, 15_000_000, 15_000_000])
    expect(partSizes(40_000_001, 20_000_000)).toEqual([13_333_334, 13_333_334, 13_333_333])
  })
})

describe('uploads', () => {
  it('accepts parts with exactly the signed headers, answers MD5 ETags, completes the file', async () => {
    const upload = await createUpload('clip.mov', 25)
    expect(upload.media_type).toBe('video/quicktime')
    expect(upload.upload_urls.map((part) => part.size)).toEqual([9, 8, 8])
    const bytes = Buffer.from('abcdefghijklmnopqrstuvwxy')
    const headers = { 'content-type': upload.media_type, 'x-amz-acl': 'private' }
    let offset = 0
    for (const [index, part] of upload.upload_urls.entries()) {
      const slice = bytes.subarray(offset, offset + part.size)
      offset += part.size
      const answer = await put(part.url, slice, headers)
      expect(answer.status, `part ${index}`).toBe(200)
      expect(answer.headers.get('etag')).toBe(`"${md5(slice)}"`)
      expect((await fileStatus(upload.id)).upload_complete).toBe(index === 2)
    }
    await new Promise((resolve) => setTimeout(resolve, 120))
    const tree = JSON.stringify(await env.emulator.tree())
    expect(tree).toContain(
      `"name":"clip.mov","type":"file","size":25,"status":"transcoded","md5":"${md5(bytes)}"`,
    )
  })

  it.each([
    [
      'another content type',
      { 'content-type': 'video/mp4', 'x-amz-acl': 'private' },
      'SignatureDoesNotMatch',
    ],
    ['no x-amz-acl', { 'content-type': 'video/quicktime' }, 'SignatureDoesNotMatch'],
    [
      'a public acl',
      { 'content-type': 'video/quicktime', 'x-amz-acl': 'public-read' },
      'SignatureDoesNotMatch',
    ],
  ])('refuses a part sent with %s (403)', async (_label, headers, code) => {
    const upload = await createUpload('wrong-headers.mov', 5)
    const answer = await put(upload.upload_urls[0]!.url, Buffer.from('12345'), headers)
    expect(answer.status).toBe(403)
    expect(answer.headers.get('content-type')).toBe('application/xml')
    expect(await answer.text()).toContain(`<Code>${code}</Code>`)
  })

  it('refuses a part of the wrong size and a tampered address', async () => {
    const upload = await createUpload('sizes.mov', 5)
    const headers = { 'content-type': upload.media_type, 'x-amz-acl': 'private' }
    const short = await put(upload.upload_urls[0]!.url, Buffer.from('1234'), headers)
    expect(short.status).toBe(403)
    expect(await short.text()).toContain('<Code>InvalidPartSize</Code>')
    const tampered = upload.upload_urls[0]!.url.replace(
      /X-Expires=(\d+)/,
      (_m, n) => `X-Expires=${Number(n) + 1}`,
    )
    expect((await put(tampered, Buffer.from('12345'), headers)).status).toBe(403)
    expect((await fileStatus(upload.id)).upload_complete).toBe(false)
  })

  it('refuses a part streamed without Content-Length, as S3 does (411)', async () => {
    const upload = await createUpload('chunked.mov', 5)
    const { request } = await import('node:http')
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(upload.upload_urls[0]!.url, {
        method: 'PUT',
        headers: {
          'content-type': upload.media_type,
          'x-amz-acl': 'private',
          'transfer-encoding': 'chunked',
        },
      })
      req.on('response', (res) => resolve(res.resume().statusCode ?? 0)).on('error', reject)
      req.end('12345')
    })
    expect(status).toBe(411)
  })

  it('refuses an expired address', async () => {
    env.emulator.settings.uploadUrlTtlMs = -1_000
    try {
      const upload = await createUpload('late.mov', 5)
      const answer = await put(upload.upload_urls[0]!.url, Buffer.from('12345'), {
        'content-type': upload.media_type,
        'x-amz-acl': 'private',
      })
      expect(answer.status).toBe(403)
      expect(await answer.text()).toContain('Request has expired')
    } finally {
      env.emulator.settings.uploadUrlTtlMs = 3600_000
    }
  })

  it('keeps a file without its bytes as a placeholder with no download link', async () => {
    const upload = await createUpload('never-sent.mov', 5)
    const { emulator, studio } = env
    const shown = await fetch(
      `${emulator.url}/v4/accounts/${studio.accountId}/files/${upload.id}?include=media_links.original`,
      { headers: emulator.auth() },
    )
    const file = (await json(shown)).data
    expect(file.status).toBe('created')
    expect(file.media_links.original.download_url).toBeNull()
  })
})

describe('downloads', () => {
  const downloadUrl = (path: string) => downloadUrlOf(env, path)

  it('serves the whole file with its length and ETag', async () => {
    const url = await downloadUrl('notes.txt')
    const answer = await fetch(url)
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-length')).toBe('5')
    expect(answer.headers.get('etag')).toBe(`"${md5(Buffer.from('hello'))}"`)
    expect(await answer.text()).toBe('hello')
  })

  it('serves byte ranges across part boundaries, and refuses unsatisfiable ones', async () => {
    const url = await downloadUrl('Footage/a.mov')
    const whole = Buffer.from(await (await fetch(url)).arrayBuffer())
    expect(whole.length).toBe(2_500)
    const middle = await fetch(url, { headers: { range: 'bytes=5-24' } })
    expect(middle.status).toBe(206)
    expect(middle.headers.get('content-range')).toBe('bytes 5-24/2500')
    expect(Buffer.from(await middle.arrayBuffer())).toEqual(whole.subarray(5, 25))
    const tail = await fetch(url, { headers: { range: 'bytes=-7' } })
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(whole.subarray(2_493))
    const from = await fetch(url, { headers: { range: 'bytes=2490-' } })
    expect(Buffer.from(await from.arrayBuffer())).toEqual(whole.subarray(2_490))
    const beyond = await fetch(url, { headers: { range: 'bytes=3000-3001' } })
    expect(beyond.status).toBe(416)
    expect(beyond.headers.get('content-range')).toBe('bytes */2500')
  })

  it('ignores Range headers S3 ignores and sends the whole object', async () => {
    const url = await downloadUrl('notes.txt')
    for (const range of ['bytes=0-1,3-4', 'bytes=4-1', 'lines=1-2', 'bytes=x']) {
      const answer = await fetch(url, { headers: { range } })
      expect(answer.status, range).toBe(200)
      expect(await answer.text()).toBe('hello')
    }
  })

  it('gives a multipart object the S3 multipart ETag, not a plain MD5', async () => {
    const answer = await fetch(await downloadUrl('Footage/a.mov'))
    expect(answer.headers.get('etag')).toMatch(/^"[0-9a-f]{32}-250"$/)
  })

  it('refuses a download address that was tampered with', async () => {
    const url = (await downloadUrl('notes.txt')).replace(
      /X-Signature=[0-9a-f]{4}/,
      'X-Signature=0000',
    )
    expect((await fetch(url)).status).toBe(403)
  })
})

describe('blob stores', () => {
  it.each(['memory', 'disk'] as const)(
    'keep a part in %s only when all its bytes arrived',
    async (kind) => {
      const dataDir = await mkdtemp(join(tmpdir(), 'emulator-blobs-'))
      const blobs = kind === 'memory' ? new MemoryBlobs() : new DiskBlobs(dataDir)
      try {
        await blobs.writePart('f', 0, Readable.from([Buffer.from('12345')]), 5)
        const short = await blobs.writePart('f', 0, Readable.from([Buffer.from('999')]), 5)
        expect(short.size).toBe(3)
        const chunks: Buffer[] = []
        for await (const chunk of blobs.read('f', [5], { start: 0, end: 4 }))
          chunks.push(chunk as Buffer)
        const kept = Buffer.concat(chunks)
        expect(kept.toString()).toBe('12345')
      } finally {
        await rm(dataDir, { recursive: true, force: true })
      }
    },
  )
})

describe('with --data-dir', () => {
  it('keeps uploaded bytes on disk, not in memory', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'emulator-data-'))
    const emulator = await startEmulator({ dataDir, rateLimits: false })
    try {
      const seeded = await emulator.seed({
        users: [
          {
            name: 'D',
            email: 'd@example.com',
            accounts: [
              {
                name: 'A',
                workspaces: [
                  { name: 'W', projects: [{ name: 'P', files: { 'x.bin': { size: 4096 } } }] },
                ],
              },
            ],
          },
        ],
      })
      const names = await readdir(join(dataDir, 'emulator-blobs'))
      expect(names).toEqual([
        `${seeded.users[0]!.accounts[0]!.workspaces[0]!.projects[0]!.files['x.bin']}.0`,
      ])
      await writeFile(join(dataDir, 'keep-me.txt'), 'belongs to someone else')
      await emulator.reset()
      expect(await readdir(dataDir)).toEqual(['keep-me.txt'])
    } finally {
      await emulator.stop()
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
