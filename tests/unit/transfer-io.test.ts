// The transfer layer's I/O pieces: read buffers used again only once every holder let go, byte
// ranges cut the same way each time, part PUTs that hand chunks back and take an early answer, the
// download's temporary file synced as it grows, its hashes, and the upload journal's merged saves.
import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises'
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { FileJournal, type UploadSession, xxh64Hex, xxhashApi } from '../../src/core/transfer'
import { ChunkPool, readRange } from '../../src/core/transfer/chunks'
import { FileWriter } from '../../src/core/transfer/file-writer'
import { StreamHashes } from '../../src/core/transfer/hashing'
import { putChunks } from '../../src/core/transfer/put'

let folder: string
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'transfer-io-'))
})
afterAll(async () => {
  await rm(folder, { recursive: true, force: true })
})

const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex')

describe('ChunkPool', () => {
  it('gives a buffer out again only after every holder let it go', () => {
    const pool = new ChunkPool(16)
    const first = pool.take(2)
    pool.release(first.subarray(0, 4))
    expect(pool.take(1)).not.toBe(first)
    pool.release(first)
    expect(pool.take(1)).toBe(first)
  })
})

describe('readRange', () => {
  it('cuts a range into chunks at fixed offsets from its start', async () => {
    const bytes = randomBytes(100)
    const path = join(folder, 'range.bin')
    await writeFile(path, bytes)
    const pool = new ChunkPool(16)
    const chunks: Buffer[] = []
    for await (const chunk of readRange({
      path,
      start: 10,
      size: 40,
      holders: 1,
      pool,
      name: 'r',
    })) {
      chunks.push(Buffer.from(chunk))
      pool.release(chunk)
    }
    expect(chunks.map((chunk) => chunk.length)).toEqual([16, 16, 8])
    expect(Buffer.concat(chunks)).toEqual(bytes.subarray(10, 50))
  })

  it('says the file got shorter when the range runs past its end', async () => {
    const path = join(folder, 'short.bin')
    await writeFile(path, randomBytes(20))
    const range = readRange({
      path,
      start: 0,
      size: 40,
      holders: 1,
      pool: new ChunkPool(16),
      name: 'short.bin',
    })
    const lengths: number[] = []
    const reading = (async () => {
      for await (const chunk of range) lengths.push(chunk.length)
    })()
    await expect(reading).rejects.toMatchObject({
      problem: 'changed-while-uploading',
      message: 'short.bin got shorter while it was read.',
    })
    expect(lengths).toEqual([16])
  })
})

/** A local storage stand-in: `answer` decides what each PUT gets. */
function storage(answer: (request: IncomingMessage, response: ServerResponse) => void) {
  const server = createServer(answer)
  const listening = new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/part`),
    ),
  )
  return { url: listening, close: () => new Promise((resolve) => server.close(resolve)) }
}

describe('putChunks', () => {
  it('sends the chunks as one body and hands each back once the connection took it', async () => {
    const received: Buffer[] = []
    const server = storage((request, response) => {
      request.on('data', (chunk: Buffer) => received.push(chunk))
      request.on('end', () => {
        response.writeHead(200, { etag: `"${md5(Buffer.concat(received))}"` }).end()
      })
    })
    const chunks = [randomBytes(300_000), randomBytes(300_000), randomBytes(1_000)]
    const body = Buffer.concat(chunks)
    const handedBack: Buffer[] = []
    const answer = await putChunks(
      await server.url,
      { 'content-length': String(body.length) },
      async (write) => {
        for (const chunk of chunks) await write(chunk, () => handedBack.push(chunk))
      },
    )
    await server.close()
    expect(answer).toMatchObject({ status: 200, etag: `"${md5(body)}"` })
    expect(Buffer.concat(received)).toEqual(body)
    expect(handedBack).toEqual(chunks)
  })

  it('takes storage refusing before the body is all sent as the answer', async () => {
    const server = storage((_request, response) => {
      response
        .writeHead(403, { 'content-type': 'application/xml' })
        .end('<Code>AccessDenied</Code>')
    })
    const size = 64 * 1024 * 1024
    const answer = await putChunks(
      await server.url,
      { 'content-length': String(size) },
      async (write) => {
        const chunk = Buffer.alloc(1024 * 1024)
        for (let sent = 0; sent < size; sent += chunk.length) await write(chunk, () => undefined)
      },
    )
    await server.close()
    expect(answer).toMatchObject({ status: 403, body: '<Code>AccessDenied</Code>' })
  })

  it('ends the request with the error the body failed with', async () => {
    const server = storage((request, response) => {
      request.resume().on('end', () => response.end())
    })
    const failing = putChunks(await server.url, { 'content-length': '10' }, async (write) => {
      await write(Buffer.alloc(4), () => undefined)
      throw new Error('the file went away')
    })
    await expect(failing).rejects.toThrow('the file went away')
    await server.close()
  })
})

describe('FileWriter', () => {
  it('appends chunks, pushing them to disk as the file grows, and syncs it all at the end', async () => {
    const path = join(folder, 'download.tmp')
    await writeFile(path, 'start:')
    const probe = await open(path, 'r')
    await probe.close()
    const handles = Object.getPrototypeOf(probe) as { datasync: () => Promise<void> }
    const background = vi.spyOn(handles, 'datasync')
    const file = await FileWriter.open(path, true, 1_000)
    const chunks = Array.from({ length: 10 }, () => randomBytes(400))
    let backgroundSyncs: number
    try {
      for (const chunk of chunks) await file.write(chunk)
      await file.end()
      // The final sync is a full one (sync); the ones on the way are data syncs.
      backgroundSyncs = background.mock.calls.length
      await file.sync()
    } finally {
      await file.close()
      background.mockRestore()
    }
    expect(await readFile(path)).toEqual(Buffer.concat([Buffer.from('start:'), ...chunks]))
    // 4,000 bytes with a sync due every 1,000 written: at least one went before the final sync.
    expect(backgroundSyncs).toBeGreaterThanOrEqual(1)
  })
})

describe('StreamHashes', () => {
  it('gives xxh64 always and MD5 only when asked for', async () => {
    const bytes = randomBytes(5_000)
    const both = await StreamHashes.create(true)
    both.update(bytes.subarray(0, 1_234))
    both.update(bytes.subarray(1_234))
    const xxh64 = xxh64Hex((await xxhashApi()).h64Raw(bytes))
    expect(both.digest()).toEqual({ xxh64, md5: md5(bytes) })
    const path = join(folder, 'hashed.bin')
    await writeFile(path, bytes)
    const fromFile = await StreamHashes.create(false)
    await fromFile.updateFromFile(path)
    expect(fromFile.digest()).toEqual({ xxh64, md5: null })
  })
})

describe('FileJournal', () => {
  const session = (etags: number): UploadSession => ({
    fileId: 'file-1',
    accountId: 'account-1',
    parentId: 'folder-1',
    name: 'a.mov',
    startedAt: 1,
    size: 30,
    mtimeMs: 2,
    mediaType: 'video/quicktime',
    parts: Array.from({ length: 3 }, (_, index) => ({
      size: 10,
      url: `https://uploads.example/${index}`,
      etag: index < etags ? `"etag-${index}"` : null,
    })),
  })

  it('keeps the last of saves made while one is being written, each resolving once it is in', async () => {
    const journal = new FileJournal(join(folder, 'journal-merged'))
    const saves = [0, 1, 2, 3].map((etags) => journal.save('a', session(etags)))
    await saves[1]
    expect((await journal.load('a'))?.parts.filter((part) => part.etag).length).toBeGreaterThan(0)
    await Promise.all(saves)
    expect(await journal.load('a')).toEqual(session(3))
  })

  it('keeps a save made after a remove, though an earlier save was still waiting', async () => {
    const journal = new FileJournal(join(folder, 'journal-order'))
    const first = journal.save('a', session(0))
    const second = journal.save('a', session(1))
    const removed = journal.remove('a')
    const third = journal.save('a', session(2))
    await Promise.all([first, second, removed, third])
    expect(await journal.load('a')).toEqual(session(2))
  })
})
