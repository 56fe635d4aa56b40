// The folder-picker window: secure like every window, opened on the picker view, hidden (not
// destroyed) when closed, and gone when the app quits.
import { describe, expect, it, vi } from 'vitest'
import { BrowserWindow, app } from './fakes/electron'
import { createPickerWindow, pickerView } from '../../src/main/picker-window'
import { appPage } from '../../src/main/app-page'
import type { AppPage } from '../../src/main/windows'

vi.mock('electron', () => import('./fakes/electron'))

describe('the folder-picker window', () => {
  it('opens the picker view in a small secure window, and hides when closed', () => {
    const page: AppPage = {
      preload: '/opt/app/out/preload/index.cjs',
      isAppUrl: () => true,
      load: vi.fn(async () => undefined),
    }
    const picker = createPickerWindow(page)
    const window = BrowserWindow.created.at(-1)!
    expect(window.options).toMatchObject({ width: 480, height: 600, show: false })
    expect(window.options['webPreferences']).toMatchObject({
      sandbox: true,
      contextIsolation: true,
    })
    expect(page.load).toHaveBeenCalledWith(window, pickerView)

    picker.show()
    expect(window.isVisible()).toBe(true)
    const preventDefault = vi.fn()
    window.emit('close', { preventDefault })
    expect(preventDefault).toHaveBeenCalled()
    expect(window.isVisible()).toBe(false)

    app.emit('before-quit')
    const onQuit = vi.fn()
    window.emit('close', { preventDefault: onQuit })
    expect(onQuit).not.toHaveBeenCalled()
  })

  it('names the view in the address fragment, from files and from the dev server', async () => {
    const built = appPage(undefined, '/opt/app/out/main')
    const window = new BrowserWindow({})
    await built.load(window as never, 'picker')
    expect(window.loadFile).toHaveBeenCalledWith('/opt/app/out/renderer/index.html', {
      hash: 'picker',
    })
    const dev = appPage('http://localhost:5173/', '/opt/app/out/main')
    await dev.load(window as never, 'picker')
    expect(window.loadURL).toHaveBeenCalledWith('http://localhost:5173/#picker')
  })
})
