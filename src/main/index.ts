// src/main owns the Electron shell, kept thin: lifecycle, tray, windows, deep links and the IPC
// binding. The work itself is done by the engine and the application service from src/core.
import { Notification, app, dialog, net, powerMonitor, session, shell } from 'electron'
import { join } from 'node:path'
import { release as getSystemVersion } from 'node:os'
import { createAppService } from '../core'
import { LogBuffer } from '../core/log'
import { appPage } from './app-page'
import { AppWindows } from './app-windows'
import { DeepLinkRouter, listenForDeepLinks, protocolOf, registerProtocol } from './deep-link'
import { forwardEvents, registerHandlers } from './ipc'
import { applyStartAtLogin, startAtLoginAfterSignIn } from './login-item'
import { Notifier } from './notifier'
import { createPickerWindow } from './picker-window'
import { createPopover } from './popover'
import { SettingsStore } from './settings-store'
import { configFrom, createSyncHost } from './sync-host'
import { watchSystem } from './system-events'
import { createTray } from './tray'
import { isHttpsUrl } from './windows'

const smoke = process.env['FRAMEIO_SYNC_SMOKE'] === '1'
const recentLog = new LogBuffer()
const log = (line: string) => {
  recentLog.add(line)
  console.log(`[frameio-sync] ${line}`)
}

/** Linux without a keyring: tokens could only be obfuscated on disk, so ask first. */
async function consentToObfuscatedTokens(): Promise<boolean> {
  const { response } = await dialog.showMessageBox({
    type: 'warning',
    buttons: ['Keep me signed in', 'Sign in each time'],
    defaultId: 1,
    cancelId: 1,
    message: 'No keyring is available to protect your Frame.io sign-in.',
    detail:
      'Without one, your sign-in could only be stored obfuscated, not encrypted, in your user ' +
      'folder. Choose "Sign in each time" to keep it in memory until Frame.io Sync quits.',
  })
  return response === 0
}

async function start(router: DeepLinkRouter, settings: SettingsStore): Promise<void> {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  )
  session.defaultSession.setPermissionCheckHandler(() => false)
  if (process.platform === 'darwin') app.dock?.hide()

  const sync = createSyncHost({
    userData: app.getPath('userData'),
    settings,
    consent: consentToObfuscatedTokens,
    log,
  })
  const { engine, continuous, client } = sync
  const page = appPage(app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'])
  const popover = createPopover(page)
  const picker = createPickerWindow(page)
  const service = createAppService(
    {
      quit: () => app.quit(),
      openExternal: async (url) => {
        if (isHttpsUrl(url)) await shell.openExternal(url)
      },
      openPath: async (path) => {
        const problem = await shell.openPath(path)
        if (problem) throw new Error(problem)
      },
      revealPath: (path) => shell.showItemInFolder(path),
      chooseFolder: async () => {
        const chosen = await dialog.showOpenDialog({
          properties: ['openDirectory', 'createDirectory'],
        })
        return chosen.canceled ? null : (chosen.filePaths[0] ?? null)
      },
      showFolderPicker: () => picker.show(),
    },
    {
      engine,
      client,
      settings,
      log: recentLog,
      versions: {
        'frameio-sync': app.getVersion(),
        electron: process.versions.electron ?? 'unknown',
        node: process.versions.node,
        os: `${process.platform} ${getSystemVersion()}`,
      },
      kick: () => continuous.kick(),
    },
  )
  const windows = new AppWindows(page.isAppUrl)
  registerHandlers(service.handlers, windows, (channel, error) =>
    console.error(`[ipc] ${channel} failed`, error),
  )
  forwardEvents(service.events, windows)
  windows.add(popover.window)
  windows.add(picker.window)

  const invoke = (run: () => unknown) => {
    Promise.resolve()
      .then(run)
      .catch((error: unknown) => log(`tray action failed: ${String(error)}`))
  }
  const tray = createTray(join(app.getAppPath(), 'assets'), service.events.latest('state')!, {
    toggle: (bounds) => popover.toggle(bounds),
    open: () => popover.show(tray.getBounds()),
    pauseAll: () => service.handlers['roots:pause'](undefined),
    resumeAll: () => service.handlers['roots:resume'](undefined),
    openFolder: (path) => invoke(() => shell.openPath(path)),
    signIn: () => invoke(() => service.handlers['auth:beginSignIn'](undefined)),
    signOut: () => invoke(() => service.handlers['auth:signOut'](undefined)),
    settings: () => popover.show(tray.getBounds()),
    quit: () => app.quit(),
  })
  if (smoke) log('smoke: tray ready')

  const notifier = new Notifier({
    engine,
    level: () => settings.read().notificationLevel,
    show: (title, body) => {
      if (Notification.isSupported()) new Notification({ title, body }).show()
    },
  })
  let signedIn = service.events.latest('state')?.user !== null
  service.events.on('state', (state) => {
    tray.update(state)
    if (state.user && !signedIn) {
      notifier.signedIn()
      const firstTime = startAtLoginAfterSignIn(settings.read())
      if (firstTime) settings.update(firstTime)
    }
    signedIn = state.user !== null
    if (engine.stalled?.kind === 'signed-out') notifier.signInExpired()
  })

  const loginHost = {
    platform: process.platform,
    app,
    env: process.env,
    execPath: process.execPath,
  }
  if (app.isPackaged) {
    void applyStartAtLogin(settings.read().startAtLogin, loginHost)
    settings.onChange((next, previous) => {
      if (next.startAtLogin !== previous.startAtLogin) {
        void applyStartAtLogin(next.startAtLogin, loginHost)
      }
    })
  }

  watchSystem({
    powerMonitor,
    app,
    engine: {
      hold: (reason) => engine.hold(reason),
      release: () => engine.release(),
      stop: async () => {
        notifier.dispose()
        service.dispose()
        await engine.stop()
        sync.index.close()
      },
    },
    continuous,
    network: {
      isOnline: () => net.isOnline(),
      probe: () =>
        net.fetch(sync.config.apiUrl, { method: 'HEAD', signal: AbortSignal.timeout(5_000) }).then(
          () => true,
          () => false,
        ),
    },
    log,
  })
  await router.connect(service.completeSignIn)
  app.on('second-instance', () => popover.show(tray.getBounds()))
  if (!smoke) continuous.start()

  if (smoke) {
    popover.window.webContents.once('did-finish-load', () => {
      log('smoke: popover ready')
      app.quit()
    })
    popover.window.webContents.once('did-fail-load', (_event, code, description) => {
      log(`smoke: popover failed to load (${code} ${description})`)
      app.exit(1)
    })
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  // A tray app lives on when its windows close; only Quit ends it.
  app.on('window-all-closed', () => undefined)
  // Deep links can arrive before the app is ready (macOS open-url at launch): listen at once.
  const settings = new SettingsStore(app.getPath('userData'))
  const { redirectUri } = configFrom(settings.read(), process.env)
  const router = new DeepLinkRouter({ redirectUri, log })
  listenForDeepLinks(app, router)
  const scheme = protocolOf(redirectUri)
  if (scheme) {
    registerProtocol(app, scheme, {
      defaultApp: process.defaultApp ?? false,
      execPath: process.execPath,
      argv: process.argv,
    })
  }
  void router.routeArgv(process.argv)
  app
    .whenReady()
    .then(() => start(router, settings))
    .catch((error: unknown) => {
      // Without a tray there is no way to reach the app: leave rather than hold the lock.
      console.error('frameio-sync could not start', error)
      app.exit(1)
    })
}
