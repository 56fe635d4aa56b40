// src/core owns the sync engine and the application service. Node only: it never imports electron
// and never knows which host (Electron main or the CLI) runs it; external things arrive as ports.
export { createAppService, type AppService, type ServiceHost } from './service'
export { EventHub } from './events'
export { startBridge, type Bridge, type BridgeOptions } from './bridge/server'
