// Content hashes of synced files: xxh64 (seed 0, 16 lowercase hex) of the whole file for the
// index, read from disk in one pass or taken from bytes as they stream by (with their MD5 where it
// is wanted). Parts read out of order are hashed by ordered-hash.ts.
import { type Hash, createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import xxhash from 'xxhash-wasm'

type Hasher = Awaited<ReturnType<typeof xxhash>>
/** A running xxh64. */
export type Xxh64State = ReturnType<Hasher['create64']>
let loaded: Promise<Hasher> | null = null

/** Files are read in chunks of this size everywhere in the transfer layer. */
export const readChunkSize = 1024 * 1024

export function xxhashApi(): Promise<Hasher> {
  loaded ??= xxhash()
  return loaded
}

/** 16 lowercase hex digits, as the index and the legacy API write xxh64. */
export function xxh64Hex(value: bigint): string {
  return value.toString(16).padStart(16, '0')
}

async function forEachChunk(
  path: string,
  signal: AbortSignal | undefined,
  use: (chunk: Buffer) => void,
): Promise<void> {
  for await (const chunk of createReadStream(path, {
    highWaterMark: readChunkSize,
    ...(signal ? { signal } : {}),
  })) {
    use(chunk as Buffer)
  }
}

/** xxh64 of a whole file on disk. */
export async function hashFile(path: string, signal?: AbortSignal): Promise<string> {
  const xxh = (await xxhashApi()).create64(0n)
  await forEachChunk(path, signal, (chunk) => xxh.update(chunk))
  return xxh64Hex(xxh.digest())
}

/** xxh64 of bytes given in order, and their MD5 (hex) where it is asked for. */
export class StreamHashes {
  private readonly md5State: Hash | null

  private constructor(
    private readonly xxh: Xxh64State,
    withMd5: boolean,
  ) {
    this.md5State = withMd5 ? createHash('md5') : null
  }

  static async create(withMd5: boolean): Promise<StreamHashes> {
    return new StreamHashes((await xxhashApi()).create64(0n), withMd5)
  }

  update(chunk: Buffer): void {
    this.xxh.update(chunk)
    this.md5State?.update(chunk)
  }

  /** Reads a whole file on disk into the hashes. */
  async updateFromFile(path: string, signal?: AbortSignal): Promise<void> {
    await forEachChunk(path, signal, (chunk) => this.update(chunk))
  }

  /** The digests; the hashes take no more bytes after. */
  digest(): { xxh64: string; md5: string | null } {
    return { xxh64: xxh64Hex(this.xxh.digest()), md5: this.md5State?.digest('hex') ?? null }
  }
}
