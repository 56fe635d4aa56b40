// The tray: per-platform icon, tooltip, menu entries and what clicking does.
import { readFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import { Menu, Tray } from './fakes/electron'
import { createTray, trayIconPath } from '../../src/main/tray'

vi.mock('electron', () => import('./fakes/electron'))

describe('tray', () => {
  it('uses a template image on macOS and a colour icon elsewhere', () => {
    expect(trayIconPath('/app/assets', 'darwin')).toBe('/app/assets/trayTemplate.png')
    expect(trayIconPath('/app/assets', 'win32')).toBe('/app/assets/tray.png')
    expect(trayIconPath('/app/assets', 'linux')).toBe('/app/assets/tray.png')
  })

  it.each([
    ['tray.png', 16],
    ['tray@2x.png', 32],
    ['trayTemplate.png', 16],
    ['trayTemplate@2x.png', 32],
  ])('ships assets/%s as a %i px square PNG', (file, size) => {
    const png = readFileSync(`assets/${file}`)
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size])
  })

  it('offers Open, Pause all (until the engine exists, disabled) and Quit, and toggles on click', () => {
    const actions = { toggle: vi.fn(), open: vi.fn(), quit: vi.fn() }
    createTray('/app/assets', actions)
    const tray = Tray.created.at(-1)!
    expect(tray.tooltip).toBe('Frame.io Sync')

    const template = Menu.buildFromTemplate.mock.calls.at(-1)![0] as Array<{
      label?: string
      enabled?: boolean
      click?: () => void
    }>
    expect(template.map((item) => item.label ?? '—')).toEqual([
      'Open',
      'Pause all',
      '—',
      'Quit Frame.io Sync',
    ])
    expect(template[1]!.enabled).toBe(false)
    template[0]!.click!()
    template[3]!.click!()
    expect(actions.open).toHaveBeenCalledOnce()
    expect(actions.quit).toHaveBeenCalledOnce()

    const bounds = { x: 10, y: 0, width: 20, height: 20 }
    tray.emit('click', {}, bounds)
    expect(actions.toggle).toHaveBeenCalledWith(bounds)
  })
})
