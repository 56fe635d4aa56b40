// The whole app as a person uses it, in real Chromium over the loopback bridge, on the real engine
// and service against the emulator: sign in through the consent page, add a project and a folder,
// watch files arrive and leave with progress, pause and resume, meet a sync issue and retry it
// away, look at activity and settings, and sign out. Screenshots of each screen, light and dark.
import { readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AppHarness, startApp } from './app-harness'

const screenshots = 'test-results/e2e'
const problems: string[] = []
let app: AppHarness
let page: Page

async function capture(name: string) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    await page.screenshot({ path: `${screenshots}/app-${name}-${colorScheme}.png` })
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

const exists = (path: string) => stat(join(app.folder, path)).then(() => true)
const remotePaths = async () => {
  const tree = (await app.emulator.tree()) as Array<{
    workspaces: Array<{ projects: Array<{ id: string; root: TreeNode }> }>
  }>
  const project = tree
    .flatMap((account) => account.workspaces)
    .flatMap((workspace) => workspace.projects)
    .find((candidate) => candidate.id === app.projectId)!
  const found = new Map<string, TreeNode>()
  const visit = (node: TreeNode, prefix: string) => {
    for (const child of node.children ?? []) {
      const path = prefix ? `${prefix}/${child.name}` : child.name
      found.set(path, child)
      visit(child, path)
    }
  }
  visit(project.root, '')
  return found
}

interface TreeNode {
  name: string
  status?: string
  children?: TreeNode[]
}

beforeAll(async () => {
  app = await startApp({ problems })
  page = app.page
}, 60_000)

afterAll(async () => {
  await app?.stop()
})

describe('the app end to end', () => {
  it('signs in through the consent page in the browser', async () => {
    // Listening before the click: the consent tab can open before the click's own promise settles.
    const opened = app.browser.context.waitForEvent('page', { timeout: 10_000 })
    await page.getByRole('button', { name: 'Sign in' }).click()
    const consent = await opened
    await consent.getByRole('button', { name: 'Allow' }).click()
    await page.getByRole('button', { name: 'Add folder' }).first().waitFor({ timeout: 15_000 })
    expect(await page.getByText('Demo Editor').first().isVisible()).toBe(true)
  })

  it('adds a project and a folder with the picker', async () => {
    await page.getByRole('button', { name: 'Add folder' }).first().click()
    await page.getByRole('radio', { name: 'Launch Film' }).click()
    await page.getByLabel('Folder on this computer').fill(app.folder)
    await page.getByLabel('Wait before uploading').fill('1')
    await capture('picker')
    await page.getByRole('button', { name: 'Start syncing' }).click()
    await page.getByRole('heading', { name: 'Folder added' }).waitFor({ timeout: 15_000 })
    await page.getByRole('button', { name: 'Done' }).click()
    await page.getByRole('heading', { name: 'Launch Film' }).waitFor({ timeout: 10_000 })
  })

  it('downloads what is in the project', async () => {
    await until(() => exists('Footage/Day 1/A001_C001.mov'), 'the demo footage to arrive')
    await until(() => exists('Notes/shot-list.txt'), 'the shot list to arrive')
    expect(await readFile(join(app.folder, 'Notes/shot-list.txt'), 'utf8')).toBe(
      'A001 wide\nA002 close-up\n',
    )
  })

  it('uploads a new local file with progress, then shows it synced', async () => {
    app.service.handlers['settings:update']({ uploadBytesPerSecond: 4_000_000 })
    await writeFile(join(app.folder, 'Exports', 'cut-v1.mov'), Buffer.alloc(12_000_000, 7))
    await page.getByText('Uploading').first().waitFor({ timeout: 20_000 })
    await page.getByRole('progressbar').first().waitFor({ timeout: 10_000 })
    await capture('uploading')
    await until(
      async () => (await remotePaths()).get('Exports/cut-v1.mov')?.status !== undefined,
      'the upload to reach Frame.io',
    )
    await page.getByText('Synced', { exact: true }).first().waitFor({ timeout: 30_000 })
    await capture('synced')
    app.service.handlers['settings:update']({ uploadBytesPerSecond: 0 })
  })

  it('brings a file added in Frame.io', async () => {
    await app.emulator.addToProject(app.projectId, {
      files: { 'Notes/from-the-director.txt': { text: 'more coverage on A002' } },
    })
    await until(() => exists('Notes/from-the-director.txt'), 'the new remote file to arrive')
  })

  it('pauses and resumes the folder', async () => {
    await page.getByRole('button', { name: 'Pause Launch Film' }).click()
    await page.getByText('Paused', { exact: true }).first().waitFor({ timeout: 10_000 })
    await capture('paused')
    await page.getByRole('button', { name: 'Resume Launch Film' }).click()
    await page.getByRole('button', { name: 'Pause Launch Film' }).waitFor({ timeout: 10_000 })
  })

  it('shows a refused upload as an issue, and retries it away', async () => {
    app.emulator.faults.add({
      match: '^PUT /_storage/upload/',
      kind: 'status',
      status: 403,
      code: 'SignatureDoesNotMatch',
    })
    await writeFile(join(app.folder, 'Exports', 'cut-v2.mov'), 'second cut')
    await page.getByRole('link', { name: /Issues \(1\)/ }).waitFor({ timeout: 30_000 })
    await page.getByRole('link', { name: /Issues \(1\)/ }).click()
    await page.getByText('Exports/cut-v2.mov').first().waitFor({ timeout: 10_000 })
    await capture('issues')
    app.emulator.faults.clear()
    await page.getByRole('button', { name: 'Retry' }).click()
    await until(
      async () => (await remotePaths()).has('Exports/cut-v2.mov'),
      'the retried upload to reach Frame.io',
    )
    await page
      .getByText(/No issues/)
      .first()
      .waitFor({ timeout: 15_000 })
    await page.getByRole('button', { name: /Back/ }).click()
  })

  it('lists recent activity', async () => {
    await page.getByRole('link', { name: 'Activity' }).click()
    await page.getByText('cut-v1.mov').first().waitFor({ timeout: 10_000 })
    await capture('activity')
    await page.getByRole('button', { name: /Back/ }).click()
  })

  it('shows the settings and signs out from there', async () => {
    await page.getByRole('link', { name: 'Settings' }).click()
    await page.getByRole('heading', { name: 'Settings' }).waitFor({ timeout: 10_000 })
    await capture('settings')
    await page.getByRole('button', { name: 'Sign out…' }).click()
    await page.getByRole('button', { name: 'Sign out', exact: true }).click()
    await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 15_000 })
    expect(problems).toEqual([])
  })
})
