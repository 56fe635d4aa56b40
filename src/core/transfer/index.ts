// src/core/transfer owns moving bytes: verified, resumable, parallel uploads and downloads,
// shared limits, progress, and the reasons a transfer did not succeed.
export { Uploader, type UploadJob, type UploadResult, type UploadDeps } from './upload'
export {
  Downloader,
  type DownloadJob,
  type DownloadResult,
  type DownloadDeps,
  stateFolderName,
  tempPathFor,
} from './download'
export { FileJournal, type UploadJournal, type UploadSession } from './journal'
export { TransferLimits, Bandwidth, defaultTransferSettings, type TransferSettings } from './limits'
export { ProgressHub, type ProgressSnapshot, type TransferProgress } from './progress'
export { TransferError, type TransferProblem } from './errors'
export { xxh64Hex, xxhashApi } from './hashing'
export { OrderedXxh64 } from './ordered-hash'
