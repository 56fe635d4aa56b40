// Measure 2: from the moment a new file becomes ready (its last write plus the root's readiness
// window) to the moment its files.create_local_upload is answered, with ContinuousSync and the
// real watcher; timed on the client by wrapping the client's createUpload.
import { mkdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, vi } from 'vitest'
import { SyncEngine } from '../../../src/core/engine'
import { ContinuousSync } from '../../../src/core/engine/continuous'
import { sleep } from '../../../src/core/frameio/sleep'
import { createWatcher } from '../../../src/core/local'
import { openIndex } from '../../../src/core/sync-index'
import { type EmulatorProcess, seedUser } from './emulator'
import { passAfter, recordPasses } from './passes'
import { type Row, percentile } from './table'

export interface LatencyOptions {
  files: number
  everyMs: number
  readyAfterSeconds: number
}

export async function measureUploadLatency(
  emulator: EmulatorProcess,
  root: string,
  indexPath: string,
  { files, everyMs, readyAfterSeconds }: LatencyOptions,
): Promise<Row[]> {
  const { client, project } = await seedUser(emulator, 'Latency', { name: 'Latency (empty)' })
  const answeredAt = new Map<string, number>()
  const createUpload = client.createUpload.bind(client)
  client.createUpload = async (accountId, parentId, name, size, options) => {
    const target = await createUpload(accountId, parentId, name, size, options)
    if (!answeredAt.has(name)) answeredAt.set(name, Date.now())
    return target
  }
  await mkdir(root, { recursive: true })
  const index = openIndex(indexPath)
  const engine = new SyncEngine({ index, client })
  await engine.addRoot({ projectId: project.id, localPath: root, readyAfterSeconds })
  const passes = recordPasses(engine)
  const continuous = new ContinuousSync({ engine, watcher: createWatcher() })
  continuous.start()
  try {
    await passAfter(passes, 0, (pass) => pass.endedAt !== null, 'The first pass of the new root')
    const readyAt = new Map<string, number>()
    for (let i = 0; i < files; i++) {
      const name = `clip-${i}.bin`
      const path = join(root, name)
      await writeFile(path, Buffer.alloc(1024, i))
      readyAt.set(name, (await stat(path)).mtimeMs + readyAfterSeconds * 1000)
      await sleep(everyMs)
    }
    await vi.waitFor(
      () => {
        if (answeredAt.size < files) {
          throw new Error(`Only ${answeredAt.size} of ${files} new files were uploaded in time.`)
        }
      },
      { timeout: 120_000, interval: 100 },
    )
    expect([...answeredAt.keys()].sort()).toEqual([...readyAt.keys()].sort())
    const latencies = [...readyAt].map(([name, ready]) => (answeredAt.get(name)! - ready) / 1000)
    const seconds = (value: number) => `${value.toFixed(2)} s`
    return [
      [
        `change -> upload start, ${files} new files ${everyMs} ms apart, readiness ${readyAfterSeconds} s`,
        `p50 ${seconds(percentile(latencies, 50))}, p95 ${seconds(percentile(latencies, 95))}`,
        `from mtime + window to its create_local_upload answered (client side, wraps createUpload); min ${seconds(Math.min(...latencies))}, max ${seconds(Math.max(...latencies))}`,
        '',
        'p95 < 1 s',
      ],
    ]
  } finally {
    await continuous.stop()
    await engine.stop()
    index.close()
  }
}
