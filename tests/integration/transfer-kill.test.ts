// kill -9 in the middle of an upload and of a download, then a fresh start: the transfer
// completes, one remote file exists, and no partial file ever stands at the final path.
import { type ChildProcess, spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { readFile, readdir, stat, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { build } from 'vite'
import { beforeAll, describe, expect, it } from 'vitest'
import { stateFolderName, tempPathFor, xxh64Hex, xxhashApi } from '../../src/core/transfer'
import { useEmulator } from './checked-emulator.ts'
import { all, tokenClient } from './client-harness.ts'
import { transferKit } from './transfer-harness.ts'

const env = useEmulator({ rateLimits: false, partSize: 100_000, transcodeDelayMs: 0 })
const childScript = resolve('out/test-child/transfer-child.js')

beforeAll(async () => {
  await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      ssr: resolve('tests/integration/transfer-child.ts'),
      outDir: resolve('out/test-child'),
      emptyOutDir: true,
      target: 'node24',
      rollupOptions: { output: { entryFileNames: 'transfer-child.js' } },
    },
  })
}, 60_000)

function startChild(input: object): { child: ChildProcess; started: Promise<void> } {
  const child = spawn(process.execPath, [childScript, JSON.stringify(input)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const lines = createInterface({ input: child.stdout! })
  const started = new Promise<void>((resolveStarted) => lines.once('line', () => resolveStarted()))
  return { child, started }
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error(`timed out waiting for ${what}`)
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolveKilled) => {
    child.once('close', () => resolveKilled())
    child.kill('SIGKILL')
  })
}

const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex')

describe('kill -9', () => {
  it('mid-upload: a fresh start finishes the same remote file', async () => {
    const { client } = await tokenClient(env.emulator, env.studio.userId)
    const kit = await transferKit(client)
    const bytes = randomBytes(350_000)
    const localPath = join(kit.rootPath, 'killed-upload.mov')
    await writeFile(localPath, bytes)
    const job = {
      key: 'root:killed-upload.mov',
      localPath,
      accountId: env.studio.accountId,
      parentId: env.studio.project.rootFolderId,
      name: 'killed-upload.mov',
    }
    env.emulator.faults.add({
      match: '^PUT /_storage/upload/.*/[123]$',
      kind: 'latency',
      ms: 5_000,
    })
    const { child, started } = startChild({
      emulatorUrl: env.emulator.url,
      token: env.emulator.token,
      mode: 'upload',
      rootPath: kit.rootPath,
      job,
    })
    await started
    await until(
      async () => (await kit.journal.load(job.key))?.parts[0]?.etag != null,
      'the first part to be accepted',
    )
    await killed(child)
    env.emulator.faults.clear()

    const result = await kit.uploader.upload(job)
    expect(result.xxh64).toBe(xxh64Hex((await xxhashApi()).h64Raw(bytes)))
    const files = (
      await all(client.files(env.studio.accountId, env.studio.project.rootFolderId))
    ).filter((f) => f.name === 'killed-upload.mov')
    expect(files.map((f) => f.id)).toEqual([result.fileId])
    const tree = JSON.stringify(await env.emulator.tree())
    expect(tree).toContain(
      `"id":"${result.fileId}","name":"killed-upload.mov","type":"file","size":350000,"status":"transcoded","md5":"${md5(bytes)}"`,
    )
  })

  it('mid-download: nothing at the final path until a fresh start resumes and verifies it', async () => {
    const { client } = await tokenClient(env.emulator, env.studio.userId)
    const source = await transferKit(client)
    const bytes = randomBytes(300_000)
    await writeFile(join(source.rootPath, 'source.bin'), bytes)
    const uploaded = await source.uploader.upload({
      key: 'source',
      localPath: join(source.rootPath, 'source.bin'),
      accountId: env.studio.accountId,
      parentId: env.studio.project.rootFolderId,
      name: 'killed-download.bin',
    })
    const kit = await transferKit(client)
    const job = {
      accountId: env.studio.accountId,
      fileId: uploaded.fileId,
      rootPath: kit.rootPath,
      targetPath: join(kit.rootPath, 'killed-download.bin'),
    }
    const { child, started } = startChild({
      emulatorUrl: env.emulator.url,
      token: env.emulator.token,
      mode: 'download',
      rootPath: kit.rootPath,
      job,
      downloadBytesPerSecond: 100_000,
    })
    await started
    const temp = tempPathFor(kit.rootPath, uploaded.fileId)
    await until(
      async () =>
        (await stat(temp).then(
          (s) => s.size,
          () => 0,
        )) > 50_000,
      'part of the download to arrive',
    )
    await killed(child)
    expect(await readdir(kit.rootPath)).toEqual([stateFolderName])

    const before = env.emulator.requests.length
    await kit.downloader.download(job)
    expect(md5(await readFile(job.targetPath))).toBe(md5(bytes))
    const resumed = env.emulator.requests
      .slice(before)
      .filter((r) => r.path.startsWith('/_storage/download/'))
    expect(resumed.map((r) => r.status)).toEqual([206])
  })
})
