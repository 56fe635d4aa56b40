// Uploads against the emulator under every fault: each ends verified, or as a clear problem with no
// placeholder left behind; never a silent success, never two remote files for one local file.
import { createHash, randomBytes } from 'node:crypto'
import { appendFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { type Uploader, xxh64Hex, xxhashApi } from '../../src/core/transfer'
import { useEmulator } from './checked-emulator.ts'
import { all, signedInClient, tokenClient } from './client-harness.ts'
import { rejection, transferKit } from './transfer-harness.ts'

const env = useEmulator({ rateLimits: false, partSize: 100_000, transcodeDelayMs: 0 })
const size = 350_000 // four parts of 87,500 bytes

async function setup(name: string, bytes = randomBytes(size)) {
  const { client } = await tokenClient(env.emulator, env.studio.userId)
  const kit = await transferKit(client)
  const localPath = join(kit.rootPath, name)
  await writeFile(localPath, bytes)
  const job = {
    key: `root:${name}`,
    localPath,
    accountId: env.studio.accountId,
    parentId: env.studio.project.rootFolderId,
    name,
  }
  return { client, kit, job, bytes }
}

async function remoteFilesNamed(name: string) {
  const { client } = await tokenClient(env.emulator, env.studio.userId)
  return (await all(client.files(env.studio.accountId, env.studio.project.rootFolderId))).filter(
    (file) => file.name === name,
  )
}

async function remoteMd5(fileId: string): Promise<string | null | undefined> {
  const tree = JSON.stringify(await env.emulator.tree())
  return new RegExp(
    `"id":"${fileId}","name":"[^"]+","type":"file","size":\\d+,"status":"\\w+","md5":"([0-9a-f]+)"`,
  ).exec(tree)?.[1]
}

/**
 * Starts an upload whose parts after the first are held by the emulator, pauses it (aborts) once
 * the first part is in, and answers how long the upload took to stop.
 */
async function pausedAfterFirstPart(
  kit: Awaited<ReturnType<typeof transferKit>>,
  job: Parameters<Uploader['upload']>[0],
) {
  env.emulator.faults.add({ match: '^PUT /_storage/upload/.*/[123]$', kind: 'latency', ms: 2_000 })
  const stop = new AbortController()
  const first = kit.uploader.upload({ ...job, signal: stop.signal })
  await new Promise((resolve) => setTimeout(resolve, 400))
  const pausedAt = Date.now()
  stop.abort()
  await expect(first).rejects.toThrow()
  const took = Date.now() - pausedAt
  env.emulator.faults.clear()
  return took
}

const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex')

describe('upload', () => {
  it('sends a file in parallel parts and verifies it', async () => {
    const { kit, job, bytes } = await setup('clean.mov')
    const result = await kit.uploader.upload(job)
    expect(result.size).toBe(size)
    expect(result.xxh64).toBe(xxh64Hex((await xxhashApi()).h64Raw(bytes)))
    expect(await remoteMd5(result.fileId)).toBe(md5(bytes))
    expect(await kit.journal.load(job.key)).toBeNull()
    const puts = env.emulator.requests.filter(
      (r) => r.method === 'PUT' && r.path.includes(result.fileId),
    )
    expect(puts.map((r) => r.status)).toEqual([200, 200, 200, 200])
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(kit.snapshots.length).toBeGreaterThan(0)
    expect(kit.snapshots.some((s) => s.transfers.some((t) => t.bytesTotal === size))).toBe(true)
  })

  it('reads parts of several chunks into reused buffers, hashing the file in order through a retry', async () => {
    // Parts of 2.5 MiB: each is read in three chunks, and parts ahead of the hashed point wait.
    env.emulator.settings.partSize = 2.5 * 1024 * 1024
    try {
      const bytes = randomBytes(10 * 1024 * 1024)
      const { kit, job } = await setup('chunked.mov', bytes)
      env.emulator.faults.add({
        match: '^PUT /_storage/upload/.*/2$',
        kind: 'reset',
        on: 'request',
        afterBytes: 1.5 * 1024 * 1024,
        times: 1,
      })
      const before = env.emulator.requests.length
      const result = await kit.uploader.upload(job)
      expect(result.xxh64).toBe(xxh64Hex((await xxhashApi()).h64Raw(bytes)))
      expect(await remoteMd5(result.fileId)).toBe(md5(bytes))
      const puts = env.emulator.requests.slice(before).filter((r) => r.method === 'PUT')
      expect(puts).toHaveLength(5)
    } finally {
      env.emulator.settings.partSize = 100_000
    }
  })

  // Each case says what the log must show, so a fault that never fired cannot pass as handled.
  type Logged = { method: string; path: string; status: number }
  const puts = (log: Logged[]) => log.filter((r) => r.method === 'PUT')
  it.each([
    [
      'a 5xx burst on parts',
      { match: '^PUT /_storage/upload/', kind: 'status', status: 503, times: 3 },
      (log: Logged[]) =>
        puts(log).filter((r) => r.status === 503).length === 3 && puts(log).length === 7,
    ],
    [
      'a connection reset mid-part',
      {
        match: '^PUT /_storage/upload/',
        kind: 'reset',
        on: 'request',
        afterBytes: 20_000,
        times: 2,
      },
      (log: Logged[]) => puts(log).length === 6,
    ],
    [
      'a part corrupted on the way (ETag mismatch)',
      { match: '^PUT /_storage/upload/', kind: 'corrupt', on: 'request', atByte: 10, times: 1 },
      (log: Logged[]) => puts(log).length === 5,
    ],
    [
      'an expired part address',
      {
        match: '^PUT /_storage/upload/',
        kind: 'status',
        status: 403,
        code: 'AccessDenied',
        times: 1,
      },
      (log: Logged[]) =>
        puts(log).some((r) => r.status === 403) && log.some((r) => r.method === 'DELETE'),
    ],
    [
      '429 while polling the upload status',
      { match: '/status$', kind: 'status', status: 429, times: 2 },
      (log: Logged[]) =>
        log.filter((r) => r.path.endsWith('/status') && r.status === 429).length === 2,
    ],
    [
      'the access token revoked mid-transfer',
      { match: '/status$', kind: 'revoke', times: 1 },
      (log: Logged[]) =>
        log.some((r) => r.path.endsWith('/status') && r.status === 401) &&
        log.some((r) => r.path === '/ims/token/v3'),
    ],
  ] as const)('ends verified after %s, as one remote file', async (label, fault, happened) => {
    const name = `${label.replace(/\W+/g, '-')}.mov`
    const { kit, job, bytes } = await setup(name)
    let uploader = kit.uploader
    if (fault.kind === 'revoke') {
      const { client } = await signedInClient(env.emulator)
      uploader = (await transferKit(client, kit.rootPath)).uploader
    }
    env.emulator.faults.add(fault as Parameters<typeof env.emulator.faults.add>[0])
    const before = env.emulator.requests.length
    const result = await uploader.upload(job)
    expect(await remoteMd5(result.fileId)).toBe(md5(bytes))
    expect(await remoteFilesNamed(name)).toHaveLength(1)
    expect(happened(env.emulator.requests.slice(before))).toBe(true)
  })

  it('stops at storage refusing a part for its headers, leaving no placeholder', async () => {
    const { kit, job } = await setup('refused.mov')
    env.emulator.faults.add({
      match: '^PUT /_storage/upload/',
      kind: 'status',
      status: 403,
      code: 'SignatureDoesNotMatch',
    })
    const error = await rejection(kit.uploader.upload(job))
    expect(error.problem).toBe('refused')
    expect(error.message).toContain('SignatureDoesNotMatch')
    expect(await remoteFilesNamed('refused.mov')).toEqual([])
    expect(await kit.journal.load(job.key)).toBeNull()
  })

  it('reports a file that changed while uploading, leaving no placeholder', async () => {
    const { kit, job } = await setup('growing.mov')
    env.emulator.faults.add({ match: '^PUT /_storage/upload/', kind: 'latency', ms: 300, times: 1 })
    const upload = kit.uploader.upload(job)
    setTimeout(() => void appendFile(job.localPath, 'more'), 100)
    const error = await rejection(upload)
    expect(error.problem).toBe('changed-while-uploading')
    expect(await remoteFilesNamed('growing.mov')).toEqual([])
  })

  it('reports a file deleted while uploading as gone, leaving no placeholder', async () => {
    const { client } = await tokenClient(env.emulator, env.studio.userId)
    const kit = await transferKit(client, undefined, { partsPerFile: 1 })
    const localPath = join(kit.rootPath, 'deleted.mov')
    await writeFile(localPath, randomBytes(size))
    const job = {
      key: 'root:deleted.mov',
      localPath,
      accountId: env.studio.accountId,
      parentId: env.studio.project.rootFolderId,
      name: 'deleted.mov',
    }
    env.emulator.faults.add({
      match: '^PUT /_storage/upload/.*/0$',
      kind: 'latency',
      ms: 300,
      times: 1,
    })
    const upload = kit.uploader.upload(job)
    setTimeout(() => void rm(job.localPath), 100)
    const error = await rejection(upload)
    expect(error.problem).toBe('vanished')
    expect(await remoteFilesNamed('deleted.mov')).toEqual([])
    expect(await kit.journal.load(job.key)).toBeNull()
  })

  it('lets no part of a failed attempt write to the journal after it was cleaned up', async () => {
    const { kit, job } = await setup('siblings.mov')
    env.emulator.faults.add({
      match: '^PUT /_storage/upload/.*/0$',
      kind: 'status',
      status: 403,
      code: 'SignatureDoesNotMatch',
    })
    env.emulator.faults.add({ match: '^PUT /_storage/upload/.*/[123]$', kind: 'latency', ms: 400 })
    const error = await rejection(kit.uploader.upload(job))
    expect(error.problem).toBe('refused')
    await new Promise((resolve) => setTimeout(resolve, 800))
    expect(await kit.journal.load(job.key)).toBeNull()
    expect(await remoteFilesNamed('siblings.mov')).toEqual([])
  })

  it('refuses an empty file in plain words (Frame.io takes none)', async () => {
    const { kit, job } = await setup('empty.txt', Buffer.alloc(0))
    const error = await rejection(kit.uploader.upload(job))
    expect(error.problem).toBe('refused')
    expect(error.message).toBe('empty.txt is empty, and Frame.io does not take empty files.')
    expect(await remoteFilesNamed('empty.txt')).toEqual([])
  })

  it('does not start on a file that changed since it was found ready (here, emptied to be saved again)', async () => {
    const { kit, job } = await setup('resaved.txt', Buffer.from('first take'))
    const planned = await stat(job.localPath)
    await writeFile(job.localPath, '')
    const error = await rejection(
      kit.uploader.upload({ ...job, planned: { size: planned.size, mtimeMs: planned.mtimeMs } }),
    )
    expect(error.problem).toBe('changed-while-uploading')
    expect(error.message).toContain('resaved.txt changed after it was found ready')
    expect(await remoteFilesNamed('resaved.txt')).toEqual([])
  })

  it('stops within a second when paused, then resumes: only the missing parts go, into the same file', async () => {
    const { kit, job, bytes } = await setup('resumed.mov')
    // Pausing must stop the I/O within a second (parts were held for 2 s by the emulator).
    expect(await pausedAfterFirstPart(kit, job)).toBeLessThan(1_000)
    const session = await kit.journal.load(job.key)
    expect(session?.parts.map((part) => part.etag !== null)).toEqual([true, false, false, false])
    const before = env.emulator.requests.length
    const result = await kit.uploader.upload(job)
    expect(result.fileId).toBe(session!.fileId)
    expect(result.xxh64).toBe(xxh64Hex((await xxhashApi()).h64Raw(bytes)))
    const puts = env.emulator.requests.slice(before).filter((r) => r.method === 'PUT')
    expect(puts).toHaveLength(3)
    expect(await remoteMd5(result.fileId)).toBe(md5(bytes))
    expect(await remoteFilesNamed('resumed.mov')).toHaveLength(1)
  })

  it('starts over, as one remote file, when a resumed session is no longer accepted', async () => {
    const { kit, job, bytes } = await setup('restarted.mov')
    await pausedAfterFirstPart(kit, job)
    env.emulator.faults.add({
      match: '^PUT /_storage/upload/',
      kind: 'status',
      status: 403,
      code: 'AccessDenied',
      times: 1,
    })
    const result = await kit.uploader.upload(job)
    expect(await remoteMd5(result.fileId)).toBe(md5(bytes))
    expect(await remoteFilesNamed('restarted.mov')).toHaveLength(1)
  })
})
