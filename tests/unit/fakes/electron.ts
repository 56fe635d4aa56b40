// A stand-in for the 'electron' module in unit tests (no Electron binary is needed): records what
// the main process and preload ask of it, and lets tests fire events back.
import { mkdtempSync, rmSync } from 'node:fs'
import { EventEmitter } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { vi } from 'vitest'

type Listener = (...args: unknown[]) => unknown

export const ipcMain = {
  handlers: new Map<string, Listener>(),
  handle: vi.fn((channel: string, listener: Listener) => {
    ipcMain.handlers.set(channel, listener)
  }),
  removeHandler: vi.fn((channel: string) => {
    ipcMain.handlers.delete(channel)
  }),
}

export const shell = {
  openExternal: vi.fn(async (_url: string) => undefined),
  openPath: vi.fn(async (_path: string) => ''),
  showItemInFolder: vi.fn((_path: string) => undefined),
}

let nextContentsId = 1

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  readonly send = vi.fn()

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly created: BrowserWindow[] = []
  readonly webContents = new FakeWebContents()
  visible = false
  position: [number, number] = [0, 0]
  readonly loadFile = vi.fn(async (_path: string, _options?: { hash?: string }) => undefined)
  readonly loadURL = vi.fn(async (_url: string) => undefined)

  constructor(readonly options: Record<string, unknown>) {
    super()
    BrowserWindow.created.push(this)
  }

  isDestroyed() {
    return false
  }
  isVisible() {
    return this.visible
  }
  show() {
    this.visible = true
  }
  hide() {
    this.visible = false
  }
  focus() {}
  setPosition(x: number, y: number) {
    this.position = [x, y]
  }
}

export const screen = {
  getCursorScreenPoint: () => ({ x: 100, y: 100 }),
  getDisplayNearestPoint: () => ({ workArea: { x: 0, y: 25, width: 1440, height: 875 } }),
}

export const contextBridge = { exposeInMainWorld: vi.fn() }

export const ipcRenderer = {
  invoke: vi.fn(async (_channel: string, _payload: unknown): Promise<unknown> => undefined),
  on: vi.fn(),
  removeListener: vi.fn(),
}

export const nativeImage = { createFromPath: vi.fn((path: string) => ({ path })) }

export const Menu = {
  buildFromTemplate: vi.fn((template: Array<Record<string, unknown>>) => ({ template })),
}

export class Tray extends EventEmitter {
  static readonly created: Tray[] = []
  tooltip = ''
  contextMenu: unknown = null
  readonly popUpContextMenu = vi.fn()
  readonly setImage = vi.fn((_image: unknown) => undefined)

  constructor(readonly image: unknown) {
    super()
    Tray.created.push(this)
  }
  setToolTip(text: string) {
    this.tooltip = text
  }
  setContextMenu(menu: unknown) {
    this.contextMenu = menu
  }
  getBounds() {
    return { x: 0, y: 0, width: 0, height: 0 }
  }
}

const appFolder = mkdtempSync(join(tmpdir(), 'fake-electron-app-'))
process.on('exit', () => rmSync(appFolder, { recursive: true, force: true }))

class FakeApp extends EventEmitter {
  readonly requestSingleInstanceLock = vi.fn(() => true)
  readonly quit = vi.fn()
  readonly exit = vi.fn()
  readonly whenReady = vi.fn(() => Promise.resolve())
  readonly getAppPath = vi.fn(() => '/opt/frameio-sync')
  readonly getVersion = vi.fn(() => '0.1.0')
  /** A fresh temp folder per test process stands in for every app folder (userData...). */
  readonly getPath = vi.fn((_name: string) => appFolder)
  readonly setAsDefaultProtocolClient = vi.fn(() => true)
  readonly setLoginItemSettings = vi.fn()
  readonly dock = { hide: vi.fn() }
  isPackaged = false
}

export const app = new FakeApp()

export const session = {
  defaultSession: {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
  },
}

/** safeStorage with a reversible stand-in cipher (every byte inverted): stored text never shows
 * the secret. Tests switch availability and the Linux backend with mockResolvedValue/ReturnValue. */
export const safeStorage = {
  isAsyncEncryptionAvailable: vi.fn(async () => true),
  getSelectedStorageBackend: vi.fn((): string => 'gnome_libsecret'),
  encryptStringAsync: vi.fn(async (text: string) => Buffer.from(text).map((byte) => ~byte & 0xff)),
  decryptStringAsync: vi.fn(async (data: Buffer) => ({
    shouldReEncrypt: false,
    result: Buffer.from(data.map((byte) => ~byte & 0xff)).toString(),
  })),
}

/** powerMonitor: tests emit 'suspend', 'resume' and 'shutdown' on it. */
export const powerMonitor = new EventEmitter()

export const net = {
  isOnline: vi.fn(() => true),
  fetch: vi.fn(async (_url: string, _init?: unknown) => new Response(null, { status: 200 })),
}

export const dialog = {
  showMessageBox: vi.fn(async (_options: unknown) => ({ response: 1 })),
  showOpenDialog: vi.fn(async (_options: unknown) => ({
    canceled: true,
    filePaths: [] as string[],
  })),
}

export class Notification {
  static readonly shown: Array<{ title: string; body: string }> = []
  static readonly isSupported = vi.fn(() => true)

  constructor(readonly options: { title: string; body?: string }) {}
  show() {
    Notification.shown.push({ title: this.options.title, body: this.options.body ?? '' })
  }
}
