// src/core/engine owns syncing: roots, passes over both sides, the queue worker, pause and what
// the windows and the CLI are shown.
export { SyncEngine, type EngineDeps, type RunOnceOutcome } from './engine'
export { type NewRootRequest, findProject } from './roots'
export { RootRejected } from './root-rules'
export type { EngineSnapshot } from './status'
export type { Stall } from './worker'
