// Proves the layer rules in eslint.config.js fire: electron outside main/preload, Node built-ins in
// shared/renderer, and imports that point outward are all errors.
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: process.cwd() })

async function restrictedImportErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? [])
    .filter((message) => message.ruleId?.startsWith('no-restricted-'))
    .map((message) => message.message)
}

describe('layer boundaries', () => {
  const importElectron = "import { app } from 'electron'\nexport const name = app.getName()\n"

  it.each([
    'src/core/probe.ts',
    'src/shared/probe.ts',
    'src/renderer/probe.tsx',
    'src/cli/probe.ts',
  ])('refuses electron in %s', async (file) => {
    const errors = await restrictedImportErrors(file, importElectron)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain('electron may be imported only under src/main and src/preload.')
  })

  it('refuses electron through require() and import() too', async () => {
    const code = "export const a = require('electron')\nexport const b = import('electron')\n"
    const errors = await restrictedImportErrors('src/core/probe.ts', code)
    expect(errors).toHaveLength(2)
  })

  it.each(['src/main/probe.ts', 'src/preload/probe.ts'])('allows electron in %s', async (file) => {
    expect(await restrictedImportErrors(file, importElectron)).toEqual([])
  })

  it.each([
    ["import { readFile } from 'node:fs/promises'", 'src/shared/probe.ts'],
    ["import { join } from 'path'", 'src/shared/probe.ts'],
    ["import { readFile } from 'node:fs/promises'", 'src/renderer/probe.tsx'],
    ["import { EventEmitter } from 'events'", 'src/renderer/probe.tsx'],
  ])('refuses %s in %s', async (line, file) => {
    const errors = await restrictedImportErrors(file, `${line}\nexport {}\n`)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/Node built-ins/)
  })

  it('allows Node built-ins in core', async () => {
    const code = "import { readFile } from 'node:fs/promises'\nexport { readFile }\n"
    expect(await restrictedImportErrors('src/core/probe.ts', code)).toEqual([])
  })

  it.each([
    ["import { startBridge } from '../core'", 'src/renderer/probe.tsx'],
    ["import { createAppService } from '../../core/service'", 'src/renderer/views/probe.tsx'],
    ["import { registerHandlers } from '../main/ipc'", 'src/core/probe.ts'],
    ["import { dispatch } from '../core/bridge/server'", 'src/shared/probe.ts'],
  ])('refuses the outward import %s in %s', async (line, file) => {
    const errors = await restrictedImportErrors(file, `${line}\nexport {}\n`)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/Dependencies point inward/)
  })
})
