// The emulator moving 1 GiB: accepting it as signed part PUTs (streamed to disk, MD5 on the way)
// and serving it back, against a bare node:http sink and source moving the same bytes to and from
// the same disk. Target: at least half the raw speed both ways. Run: npm run bench -- emulator
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { type IncomingMessage, createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { afterAll, beforeAll, test } from 'vitest'
import { type Emulator, startEmulator } from '../emulator/index.ts'

const size = 1024 ** 3
const block = Buffer.alloc(1024 * 1024, 0x5a)
let dir: string
let emulator: Emulator
let rawOrigin: string
const raw = createServer((req: IncomingMessage, res) => {
  const file = join(dir, 'raw.bin')
  if (req.method === 'PUT') {
    void pipeline(req, createWriteStream(file)).then(() => res.writeHead(200).end())
  } else {
    res.writeHead(200, { 'content-length': String(size) })
    createReadStream(file, { highWaterMark: 1024 * 1024 }).pipe(res)
  }
})

/** `length` bytes from the repeated block, as a stream. */
function bytes(length: number): Readable {
  let left = length
  return new Readable({
    read() {
      if (left === 0) return void this.push(null)
      const chunk = block.subarray(0, Math.min(left, block.length))
      left -= chunk.length
      this.push(chunk)
    },
  })
}

function put(url: string, length: number, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'PUT', headers: { ...headers, 'content-length': String(length) } },
      (res) => {
        res.resume().on('end', () => resolve(res.statusCode ?? 0))
      },
    )
    req.on('error', reject)
    bytes(length).pipe(req)
  })
}

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      let received = 0
      res.on('data', (chunk: Buffer) => (received += chunk.length))
      res.on('end', () => resolve(received))
    })
      .on('error', reject)
      .end()
  })
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now()
  await run()
  return (performance.now() - started) / 1000
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'emulator-bench-'))
  emulator = await startEmulator({
    dataDir: join(dir, 'blobs'),
    rateLimits: false,
    transcodeDelayMs: 0,
  })
  await emulator.seed({
    users: [
      {
        name: 'B',
        email: 'b@example.com',
        accounts: [{ name: 'A', workspaces: [{ name: 'W', projects: [{ name: 'P' }] }] }],
      },
    ],
  })
  await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve))
  rawOrigin = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`
})

afterAll(async () => {
  await emulator.stop()
  raw.close()
  await rm(dir, { recursive: true, force: true })
})

test('1 GiB through the emulator against a raw loopback copy', async () => {
  const account = [...emulator.world.accounts.values()][0]!
  const project = [...emulator.world.projects.values()][0]!
  const auth = {
    authorization: `Bearer ${emulator.mintToken()}`,
    'content-type': 'application/json',
  }
  const api = `${emulator.url}/v4/accounts/${account.id}`
  const rows: string[] = []
  const mbps = (seconds: number) => `${(size / 1024 ** 2 / seconds).toFixed(0)} MiB/s`
  for (let round = 1; round <= 2; round++) {
    const created = await fetch(`${api}/folders/${project.rootFolderId}/files/local_upload`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ data: { name: `bench-${round}.mov`, file_size: size } }),
    })
    const file = (await created.json()) as {
      data: { id: string; media_type: string; upload_urls: Array<{ size: number; url: string }> }
    }
    const headers = { 'content-type': file.data.media_type, 'x-amz-acl': 'private' }
    const rawUp = await timed(() => put(`${rawOrigin}/raw.bin`, size))
    const emulatorUp = await timed(async () => {
      for (const part of file.data.upload_urls) {
        const status = await put(part.url, part.size, headers)
        if (status !== 200) throw new Error(`part refused with ${status}`)
      }
    })
    const shown = await fetch(`${api}/files/${file.data.id}?include=media_links.original`, {
      headers: auth,
    })
    const downloadUrl = (
      (await shown.json()) as { data: { media_links: { original: { download_url: string } } } }
    ).data.media_links.original.download_url
    const rawDown = await timed(() => get(`${rawOrigin}/raw.bin`))
    const emulatorDown = await timed(async () => {
      if ((await get(downloadUrl)) !== size) throw new Error('short download')
    })
    rows.push(
      `round ${round}: upload ${mbps(emulatorUp)} vs raw ${mbps(rawUp)} = ${(rawUp / emulatorUp).toFixed(2)}x; ` +
        `download ${mbps(emulatorDown)} vs raw ${mbps(rawDown)} = ${(rawDown / emulatorDown).toFixed(2)}x (target >= 0.5)`,
    )
    await fetch(`${api}/files/${file.data.id}`, { method: 'DELETE', headers: auth })
  }
  const peakMiB = (process.resourceUsage().maxRSS / 1024).toFixed(0)
  console.log(
    `emulator, 1 GiB in ${Math.ceil(size / 20_000_000)} parts, data on disk:\n${rows.join('\n')}\n` +
      `peak RSS of the whole bench process (client, emulator and raw server): ${peakMiB} MiB`,
  )
}, 600_000)
