// src/core/local owns the local side of syncing: ignore and name rules, the reconcile scanner,
// watchers, and the marker that proves a root's folder is the right one (readiness: engine/local-state).
export {
  createIgnoreRules,
  builtInIgnorePatterns,
  ignoreFileName,
  type IgnoreRules,
  type IgnoreRulesOptions,
} from './ignore-rules'
export { normalizePath, toLocalName, caseKey, detectCaseInsensitive } from './names'
export {
  scanRoot,
  type ScannedItem,
  type UnreadableEntry,
  type ScanFinding,
  type ScanOptions,
} from './scan'
export { hashFile } from '../transfer/hashing'
export {
  createWatcher,
  parcelWatcher,
  chokidarWatcher,
  type Watcher,
  type WatchHandle,
  type WatchEvent,
  type WatchEventKind,
  type WatcherBackend,
  type ParcelLoader,
  type CreateWatcherOptions,
} from './watcher'
export { writeMarker, checkRoot, markerPathFor, type RootCheck, type RootMarker } from './marker'
export { RootUnavailableError, type RootProblem } from './root-problem'
