// Where uploaded bytes live: in memory by default, or in files under --data-dir so that a 10 GB
// upload never needs 10 GB of RAM. Parts are written as they stream in, with their MD5 computed on
// the way, and read back as one continuous, optionally ranged, stream.
import { createHash, randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, readdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'

export interface WrittenPart {
  size: number
  md5: string
}

export interface ByteRange {
  /** First byte, inclusive. */
  start: number
  /** Last byte, inclusive. */
  end: number
}

export interface BlobStore {
  /**
   * Streams one part in and resolves with what arrived. The bytes replace the part only when
   * exactly `expectedSize` arrived; otherwise what was there stays.
   */
  writePart(
    fileId: string,
    index: number,
    source: Readable,
    expectedSize: number,
  ): Promise<WrittenPart>
  /** The file's parts, in order, as one stream of the bytes in `range`. */
  read(fileId: string, partSizes: number[], range: ByteRange): Readable
  remove(fileId: string): Promise<void>
  clear(): Promise<void>
}

function hashing(): { transform: Transform; result: () => WrittenPart } {
  const md5 = createHash('md5')
  let size = 0
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      md5.update(chunk)
      size += chunk.length
      done(null, chunk)
    },
  })
  return { transform, result: () => ({ size, md5: md5.digest('hex') }) }
}

/** Which slice of each part a byte range covers. */
function* slices(partSizes: number[], range: ByteRange) {
  let offset = 0
  for (const [index, size] of partSizes.entries()) {
    const start = Math.max(range.start, offset)
    const end = Math.min(range.end, offset + size - 1)
    if (start <= end) yield { index, start: start - offset, end: end - offset }
    offset += size
  }
}

export class MemoryBlobs implements BlobStore {
  private readonly parts = new Map<string, Buffer[]>()

  async writePart(
    fileId: string,
    index: number,
    source: Readable,
    expectedSize: number,
  ): Promise<WrittenPart> {
    const { transform, result } = hashing()
    const chunks: Buffer[] = []
    await pipeline(source, transform, async (stream: AsyncIterable<Buffer>) => {
      for await (const chunk of stream) chunks.push(chunk)
    })
    const written = result()
    if (written.size === expectedSize) {
      const parts = this.parts.get(fileId) ?? []
      parts[index] = Buffer.concat(chunks)
      this.parts.set(fileId, parts)
    }
    return written
  }

  read(fileId: string, partSizes: number[], range: ByteRange): Readable {
    const parts = this.parts.get(fileId) ?? []
    const pieces = [...slices(partSizes, range)].map(({ index, start, end }) =>
      (parts[index] ?? Buffer.alloc(0)).subarray(start, end + 1),
    )
    return Readable.from(pieces)
  }

  async remove(fileId: string): Promise<void> {
    this.parts.delete(fileId)
  }

  async clear(): Promise<void> {
    this.parts.clear()
  }
}

/** Keeps parts as files in a folder of its own (`emulator-blobs`) inside the data folder. */
export class DiskBlobs implements BlobStore {
  private readonly dir: string

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'emulator-blobs')
  }

  private path(fileId: string, index: number): string {
    return join(this.dir, `${fileId}.${index}`)
  }

  async writePart(
    fileId: string,
    index: number,
    source: Readable,
    expectedSize: number,
  ): Promise<WrittenPart> {
    await mkdir(this.dir, { recursive: true })
    const { transform, result } = hashing()
    const temporary = `${this.path(fileId, index)}.${randomUUID()}.partial`
    try {
      await pipeline(source, transform, createWriteStream(temporary))
      const written = result()
      if (written.size === expectedSize) await rename(temporary, this.path(fileId, index))
      return written
    } finally {
      await rm(temporary, { force: true })
    }
  }

  read(fileId: string, partSizes: number[], range: ByteRange): Readable {
    const pieces = [...slices(partSizes, range)]
    const path = (index: number) => this.path(fileId, index)
    return Readable.from(
      (async function* () {
        for (const { index, start, end } of pieces) {
          yield* createReadStream(path(index), { start, end, highWaterMark: 1024 * 1024 })
        }
      })(),
    )
  }

  async remove(fileId: string): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[])
    await Promise.all(
      names
        .filter((name) => name.startsWith(`${fileId}.`))
        .map((name) => rm(join(this.dir, name), { force: true })),
    )
  }

  async clear(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true })
  }
}
