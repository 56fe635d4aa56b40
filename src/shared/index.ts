// src/shared owns what every layer agrees on: the IPC contract, the call envelope, domain types.
// Pure TypeScript: no node:, no DOM, no electron.
export * from './ipc'
export * from './rpc'
export * from './state'
export * from './settings'
export * from './csp'
export * from './version'
export * from './format'
