// The built popover in real Chromium, served by the loopback bridge from the real service:
// what a person sees signed out, signed in without folders and with folders, in light and dark.
import { mkdir } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Page } from 'playwright-core'
import { type AppService, type Bridge, createAppService, startBridge } from '../../src/core'
import { ada, dailiesRoot, trailerRoot } from '../fixtures/app-state'
import { type Browser, launchChromium } from './chromium'

const screenshots = 'test-results/e2e'
const user = ada

describe('popover in Chromium over the loopback bridge', () => {
  const host = { quit: vi.fn(), openExternal: vi.fn(async () => undefined) }
  const problems: string[] = []
  let service: AppService
  let bridge: Bridge
  let browser: Browser
  let page: Page

  async function capture(name: string) {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme })
      await page.screenshot({ path: `${screenshots}/popover-${name}-${colorScheme}.png` })
    }
    await page.emulateMedia({ colorScheme: 'light' })
  }

  async function heading(name: string): Promise<string> {
    const locator = page.getByRole('heading', { name })
    await locator.waitFor({ state: 'visible', timeout: 10_000 })
    return (await locator.textContent()) ?? ''
  }

  beforeAll(async () => {
    await mkdir(screenshots, { recursive: true })
    service = createAppService(host)
    bridge = await startBridge({ ...service, staticDir: 'out/renderer' })
    browser = await launchChromium({ viewport: { width: 360, height: 480 }, deviceScaleFactor: 2 })
    page = await browser.context.newPage()
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text())
    })
    page.on('pageerror', (error) => problems.push(error.message))
    await page.goto(bridge.pageUrl)
  })

  afterAll(async () => {
    await browser?.close()
    await bridge?.close()
  })

  it('loads the page from its token address without setting cookies', async () => {
    expect(page.url()).toBe(bridge.pageUrl)
    expect(await browser.context.cookies()).toEqual([])
  })

  it('shows the signed-out screen', async () => {
    expect(await heading("You're signed out")).toBe("You're signed out")
    expect(await page.getByRole('status').textContent()).toBe('Signed out')
    await capture('signed-out')
  })

  it('follows the service live: signed in, no folders yet', async () => {
    service.update({ user })
    expect(await heading('No folders yet')).toBe('No folders yet')
    expect(await page.getByRole('status').textContent()).toBe('Nothing synced yet')
    expect(await page.getByRole('banner').getByText(user.email).isVisible()).toBe(true)
    await capture('no-folders')
  })

  it('lists folders', async () => {
    service.update({
      roots: [
        trailerRoot,
        dailiesRoot('/Volumes/RAID/Dailies with a very long folder name that must wrap'),
      ],
    })
    const list = page.getByRole('list', { name: 'Synced folders' })
    await list.waitFor({ state: 'visible', timeout: 10_000 })
    expect(await list.getByRole('heading').allTextContents()).toEqual([
      'Trailer',
      'Dailies with a very long folder name that must wrap',
    ])
    expect(await list.locator('.chip').allTextContents()).toEqual(['Synced', '2 issues'])
    expect(await list.getByText('2 files could not be uploaded').isVisible()).toBe(true)
    const overflowing = await page.evaluate(
      () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
    )
    expect(overflowing).toBe(false)
    expect(await page.getByRole('status').textContent()).toBe('1 folder needs attention')
    await capture('folders')
  })

  it('shows what is moving and what is settling, without cutting text off', async () => {
    service.update({
      transfers: [
        {
          id: 'r1/Shots/A001_C002_0914XY_with_a_long_camera_name.mov',
          rootId: 'r1',
          path: 'Shots/A001_C002_0914XY_with_a_long_camera_name.mov',
          direction: 'upload',
          bytesDone: 120_000_000,
          bytesTotal: 400_000_000,
          bytesPerSecond: 12_000_000,
          etaSeconds: 24,
        },
      ],
      settling: [{ rootId: 'r1', path: 'Edit/cut v3.prproj', readyAt: Date.now() + 45_000 }],
    })
    const uploads = page.getByRole('list', { name: 'Uploading' })
    await uploads.waitFor({ state: 'visible', timeout: 10_000 })
    expect(await uploads.textContent()).toContain('120 MB of 400 MB · 12 MB/s · 24 s left')
    expect(await page.getByRole('list', { name: 'Waiting to settle' }).textContent()).toMatch(
      /Uploads in \d+ s if it stays unchanged/,
    )
    const overflowing = await page.evaluate(
      () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
    )
    expect(overflowing).toBe(false)
    await page.getByRole('list', { name: 'Waiting to settle' }).scrollIntoViewIfNeeded()
    await capture('transfers')
    service.update({ transfers: [], settling: [] })
    await uploads.waitFor({ state: 'detached', timeout: 10_000 })
  })

  it('follows the system colour scheme', async () => {
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    await page.emulateMedia({ colorScheme: 'light' })
    expect(await background()).toBe('rgb(255, 255, 255)')
    await page.emulateMedia({ colorScheme: 'dark' })
    expect(await background()).toBe('rgb(27, 27, 33)')
    await page.emulateMedia({ colorScheme: 'light' })
  })

  it('reaches Quit by keyboard, past every folder action, and quits through the service', async () => {
    const focusedNames: string[] = []
    for (let presses = 0; presses < 20 && focusedNames.at(-1) !== 'Quit'; presses += 1) {
      await page.keyboard.press('Tab')
      focusedNames.push(
        await page.evaluate(
          () =>
            document.activeElement?.getAttribute('aria-label') ??
            document.activeElement?.textContent ??
            '',
        ),
      )
    }
    expect(focusedNames).toEqual([
      'Pause all',
      'Add folder',
      'Pause Trailer',
      'Open folder Trailer',
      'Open Trailer in Frame.io',
      'Remove Trailer',
      'Pause Dailies with a very long folder name that must wrap',
      'Open folder Dailies with a very long folder name that must wrap',
      'Open Dailies with a very long folder name that must wrap in Frame.io',
      'Remove Dailies with a very long folder name that must wrap',
      'Activity',
      'Issues',
      'Settings',
      'Quit',
    ])
    await page.keyboard.press('Enter')
    await vi.waitFor(() => expect(host.quit).toHaveBeenCalledOnce(), { timeout: 5_000 })
  })

  it('ran without console errors or CSP violations', () => {
    expect(problems).toEqual([])
  })

  it('tells the person when the app goes away, keeping what it last showed', async () => {
    await bridge.close()
    const alert = page.getByRole('alert')
    await alert.waitFor({ state: 'visible', timeout: 10_000 })
    expect(await alert.textContent()).toMatch(/Frame\.io Sync/)
    expect(await page.getByRole('status').textContent()).toBe('Not connected')
    expect(await page.getByRole('list', { name: 'Synced folders' }).isVisible()).toBe(true)
    await capture('disconnected')
  })
})
