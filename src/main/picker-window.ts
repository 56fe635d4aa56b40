// The folder-picker window: a second, small window (same secure settings as the popover) where a
// person pairs a Frame.io project with a local folder. Closing it hides it, ready for next time.
import type { BrowserWindow } from 'electron'
import { type AppPage, createAppWindow, hideOnClose } from './windows'

export const pickerSize = { width: 480, height: 600 }
export const pickerView = 'picker'

export interface PickerWindow {
  readonly window: BrowserWindow
  show(): void
}

export function createPickerWindow(page: AppPage): PickerWindow {
  const window = createAppWindow(page, {
    ...pickerSize,
    resizable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    title: 'Add a folder to sync',
  })
  hideOnClose(window)
  void page.load(window, pickerView)
  return {
    window,
    show() {
      window.show()
      window.focus()
    },
  }
}
