// Placing the popover by the tray icon, and where the desktop gives no tray position.
import { describe, expect, it } from 'vitest'
import { popoverPosition } from '../../src/main/popover-position'

const size = { width: 360, height: 480 }
const screen = { x: 0, y: 0, width: 1920, height: 1080 }

describe('popoverPosition', () => {
  it('opens under a tray icon in a top menu bar, centred on it', () => {
    const tray = { x: 1500, y: 0, width: 22, height: 24 }
    expect(popoverPosition(tray, size, { ...screen, y: 24, height: 1056 })).toEqual({
      x: 1500 + 11 - 180,
      y: 28,
    })
  })

  it('opens above a tray icon in a bottom taskbar', () => {
    const tray = { x: 1700, y: 1040, width: 24, height: 40 }
    const workArea = { x: 0, y: 0, width: 1920, height: 1040 }
    expect(popoverPosition(tray, size, workArea)).toEqual({ x: 1532, y: 1040 - 480 - 4 })
  })

  it('stays on screen when the icon is at the very edge', () => {
    const tray = { x: 1910, y: 0, width: 10, height: 24 }
    const { x } = popoverPosition(tray, size, { ...screen, y: 24 })
    expect(x).toBe(1920 - 360 - 8)
  })

  it('uses the top-right of the work area when the tray bounds are unknown or empty', () => {
    const expected = { x: 1920 - 360 - 8, y: 32 }
    const workArea = { ...screen, y: 24, height: 1056 }
    expect(popoverPosition(null, size, workArea)).toEqual(expected)
    expect(popoverPosition({ x: 0, y: 0, width: 0, height: 0 }, size, workArea)).toEqual(expected)
  })

  it('works on a second display to the left of the primary one', () => {
    const workArea = { x: -1280, y: 0, width: 1280, height: 1024 }
    expect(popoverPosition(null, size, workArea)).toEqual({ x: -1280 + 1280 - 360 - 8, y: 8 })
  })
})
