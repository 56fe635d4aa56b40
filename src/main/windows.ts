// The one way the app makes windows: sandboxed, isolated, no Node, its own pages only. Links to
// https sites open in the system browser; everything else that would navigate away is refused.
import {
  BrowserWindow,
  app,
  type BrowserWindowConstructorOptions,
  type WebContents,
  type WebPreferences,
  shell,
} from 'electron'

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  }
}

export function isHttpsUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:'
  } catch {
    return false
  }
}

/** Keeps a window on the app's pages; https links go to the system browser. */
export function guardNavigation(contents: WebContents, isAppUrl: (url: string) => boolean): void {
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return
    event.preventDefault()
    if (isHttpsUrl(event.url)) void shell.openExternal(event.url)
  })
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (isHttpsUrl(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
}

export interface AppPage {
  /** Preload script path. */
  preload: string
  /**
   * Loads the page into a window (file in production, dev server in development); `view` names
   * the screen to show, as the address's fragment (the renderer routes on it).
   */
  load(window: BrowserWindow, view?: string): Promise<void>
  isAppUrl(url: string): boolean
}

/** Closing the window hides it, ready for next time; only quitting the app closes it for good. */
export function hideOnClose(window: BrowserWindow): void {
  let quitting = false
  app.on('before-quit', () => {
    quitting = true
  })
  window.on('close', (event) => {
    if (quitting) return
    event.preventDefault()
    window.hide()
  })
}

export function createAppWindow(
  page: AppPage,
  options: Omit<BrowserWindowConstructorOptions, 'webPreferences'>,
): BrowserWindow {
  const window = new BrowserWindow({
    ...options,
    show: false,
    webPreferences: secureWebPreferences(page.preload),
  })
  guardNavigation(window.webContents, page.isAppUrl)
  return window
}
