// A worker process for the kill -9 tests: runs one upload or download as the app would, so the
// test can kill it mid-transfer. Input: one JSON argument; output: "started" then the result.
import { createHttp } from '../../src/core/frameio/http'
import { FrameioClient, resolveConfig } from '../../src/core/frameio'
import {
  Downloader,
  FileJournal,
  TransferLimits,
  Uploader,
  stateFolderName,
} from '../../src/core/transfer'
import { join } from 'node:path'

interface ChildInput {
  emulatorUrl: string
  token: string
  mode: 'upload' | 'download'
  rootPath: string
  job: Record<string, string>
  downloadBytesPerSecond?: number
}

const input = JSON.parse(process.argv[2]!) as ChildInput
const secrets = new Map<string, string>()
const client = new FrameioClient({
  config: resolveConfig(
    { apiUrl: input.emulatorUrl, imsUrl: input.emulatorUrl, clientId: 'frameio-sync-dev' },
    {},
  ),
  secrets: {
    read: async (key) => secrets.get(key) ?? null,
    write: async (key, value) => void secrets.set(key, value),
    remove: async (key) => void secrets.delete(key),
  },
})
await client.auth.useTokens({
  accessToken: input.token,
  refreshToken: null,
  expiresAt: Date.now() + 3600_000,
})
const limits = new TransferLimits({
  partsPerFile: 1,
  partsOverall: 1,
  uploadBytesPerSecond: 0,
  downloadBytesPerSecond: input.downloadBytesPerSecond ?? 0,
})
const shared = { client, http: createHttp(), limits, backoffBaseMs: 5 }
console.log('started')
const result =
  input.mode === 'upload'
    ? await new Uploader({
        ...shared,
        journal: new FileJournal(join(input.rootPath, stateFolderName, 'uploads')),
      }).upload(input.job as unknown as Parameters<Uploader['upload']>[0])
    : await new Downloader(shared).download(
        input.job as unknown as Parameters<Downloader['download']>[0],
      )
console.log(JSON.stringify(result))
