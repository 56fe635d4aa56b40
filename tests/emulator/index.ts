// tests/emulator owns a local Frame.io V4 service for tests, demos and benchmarks: the API, Adobe
// IMS sign-in, S3-like storage and a control API for seeding data and injecting faults.
export { type Emulator, startEmulator } from './server.ts'
export type { EmulatorOptions, Exchange, OAuthClient } from './options.ts'
export { developmentClient } from './options.ts'
export type { FaultRule } from './faults.ts'
export type { SeedSpec, Seeded, SeededProject } from './seed.ts'
export { partSizes } from './storage.ts'
