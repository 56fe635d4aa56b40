// Uploaders and downloaders wired to a test emulator, in temporary folders, with fast retries.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect } from 'vitest'
import { createHttp } from '../../src/core/frameio/http'
import type { FrameioClient } from '../../src/core/frameio'
import {
  Downloader,
  FileJournal,
  ProgressHub,
  type ProgressSnapshot,
  type TransferError,
  TransferLimits,
  type TransferSettings,
  Uploader,
  defaultTransferSettings,
  stateFolderName,
} from '../../src/core/transfer'

const folders: string[] = []
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true })
})

export async function tempFolder(prefix = 'transfer-'): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), prefix))
  folders.push(folder)
  return folder
}

/** An uploader and a downloader for one root folder, with what they report kept for the test. */
export async function transferKit(
  client: FrameioClient,
  root?: string,
  settings?: Partial<TransferSettings>,
) {
  const rootPath = root ?? (await tempFolder('root-'))
  const snapshots: ProgressSnapshot[] = []
  const progress = new ProgressHub((snapshot) => snapshots.push(snapshot))
  const journal = new FileJournal(join(rootPath, stateFolderName, 'uploads'))
  const limits = new TransferLimits({ ...defaultTransferSettings, ...settings })
  const http = createHttp()
  const shared = { client, http, limits, progress, backoffBaseMs: 5 }
  return {
    rootPath,
    journal,
    snapshots,
    uploader: new Uploader({ ...shared, journal, partAttempts: 4 }),
    downloader: new Downloader(shared),
  }
}

/** The TransferError a transfer fails with (the test fails if it succeeds or throws otherwise). */
export async function rejection(promise: Promise<unknown>): Promise<TransferError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toMatchObject({ name: 'TransferError' })
  return error as TransferError
}
