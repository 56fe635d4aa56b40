// The installers' configuration (electron-builder.yml, the NSIS include) and the CI workflow:
// valid for electron-builder, the sign-in scheme registered on every platform, nothing but the
// built app shipped.
import Ajv from 'ajv'
import type { Configuration } from 'electron-builder'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { matchesGlob } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const scheme = 'adobe+frameio-sync'

function readYaml(path: string): unknown {
  return parse(readFileSync(path, 'utf8'), { prettyErrors: true })
}

/** electron-builder's own JSON schema, from the copy of app-builder-lib it runs with. */
function builderSchema(): object {
  const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'))
  return JSON.parse(readFileSync(fromBuilder.resolve('app-builder-lib/scheme.json'), 'utf8'))
}

const raw = readYaml('electron-builder.yml')
// Checked against electron-builder's schema in the first test, so the type below is earned.
const config = raw as Configuration

function asList<T>(value: T | T[] | null | undefined): T[] {
  if (value === null || value === undefined) return []
  return Array.isArray(value) ? value : [value]
}

/** Whether a project file ends up in the app, as electron-builder reads `files`. */
function ships(path: string): boolean {
  const patterns = asList(config.files).filter((entry) => typeof entry === 'string')
  const included = patterns.filter((p) => !p.startsWith('!')).some((p) => matchesGlob(path, p))
  const excluded = patterns
    .filter((p) => p.startsWith('!'))
    .some((p) => matchesGlob(path, p.slice(1)))
  return included && !excluded
}

describe('electron-builder.yml', () => {
  it('is a configuration electron-builder accepts', () => {
    // strict: false because the schema uses electron-builder's own `typeof` keyword.
    const validate = new Ajv({ strict: false, allErrors: true }).compile(builderSchema())
    expect(validate(raw) ? [] : validate.errors).toEqual([])
  }, 30_000) // compiling the large schema takes seconds on a busy machine

  it('names the app and takes its icons from assets/', () => {
    expect(config.appId).toBe('io.frameio-sync.app')
    expect(config.productName).toBe('Frame.io Sync')
    for (const icon of [config.mac?.icon, config.win?.icon, config.linux?.icon]) {
      expect(icon).toMatch(/^assets\//)
      expect(existsSync(icon ?? '')).toBe(true)
    }
  })

  it('registers the sign-in URL scheme, a valid lowercase scheme', () => {
    const protocols = asList(config.protocols)
    expect(protocols.flatMap((protocol) => asList(protocol.schemes))).toEqual([scheme])
    expect(protocols[0]?.name).toBeTruthy()
    expect(scheme).toMatch(/^[a-z][a-z0-9+.-]*$/)
  })

  it('gives the Linux desktop entry exactly one MimeType for the scheme', () => {
    // electron-builder writes MimeType from linux.mimeTypes plus x-scheme-handler/<scheme> for
    // every scheme in `protocols` (app-builder-lib, LinuxTargetHelper.computeDesktopEntry).
    const mimeTypes = [
      ...asList(config.linux?.mimeTypes),
      ...asList(config.protocols).flatMap((protocol) =>
        asList(protocol.schemes).map((name) => `x-scheme-handler/${name}`),
      ),
    ]
    expect(mimeTypes).toEqual([`x-scheme-handler/${scheme}`])
    expect(asList(config.linux?.target)).toEqual(['AppImage', 'deb'])
  })

  it('registers the same scheme in the Windows installer and removes it on uninstall', () => {
    expect(asList(config.win?.target)).toEqual(['nsis'])
    const include = config.nsis?.include ?? ''
    const script = readFileSync(include, 'utf8')
    expect(script).toContain(`!define SIGN_IN_SCHEME "${scheme}"`)
    expect(script).toMatch(
      /!macro customInstall[\s\S]*"Software\\Classes\\\$\{SIGN_IN_SCHEME\}" "URL Protocol"[\s\S]*!macroend/,
    )
    expect(script).toMatch(
      /!macro customUnInstall\s+DeleteRegKey SHCTX "Software\\Classes\\\$\{SIGN_IN_SCHEME\}"/,
    )
  })

  it('builds a Dock-less, hardened macOS app as dmg and zip', () => {
    expect(config.mac?.extendInfo).toMatchObject({ LSUIElement: true })
    expect(config.mac?.hardenedRuntime).toBe(true)
    expect(asList(config.mac?.target)).toEqual(['dmg', 'zip'])
  })

  it.each([
    'src/main/index.ts',
    'tests/unit/main-tray.test.ts',
    'docs/popover-folders-dark.png',
    'scripts/render-icons.sh',
    '.ci/run',
    '.github/workflows/ci.yml',
    'coverage/index.html',
    'test-results/results.json',
    'assets/tray-idle.svg',
  ])('leaves %s out of the app', (path) => {
    expect(ships(path)).toBe(false)
  })

  it.each([
    'out/main/index.js',
    'out/renderer/index.html',
    'assets/tray-idle.png',
    'assets/tray-syncingTemplate@2x.png',
    'package.json',
  ])('ships %s', (path) => {
    expect(ships(path)).toBe(true)
  })

  it('excludes each source and test folder by name, not only by omission', () => {
    const patterns = asList(config.files)
    for (const folder of ['src', 'tests', 'docs', 'scripts', '.ci', 'coverage', 'test-results']) {
      expect(patterns).toContain(`!${folder}/**`)
    }
  })
})

describe('.github/workflows/ci.yml', () => {
  const workflow = readYaml('.github/workflows/ci.yml') as {
    jobs: Record<string, { strategy?: { matrix?: { include?: Array<{ os: string }> } } }>
  }

  it('parses, and runs on Linux, macOS and Windows', () => {
    const runners = Object.values(workflow.jobs).flatMap(
      (job) => job.strategy?.matrix?.include?.map((entry) => entry.os) ?? [],
    )
    expect(runners.map((os) => os.split('-')[0]).sort()).toEqual(['macos', 'ubuntu', 'windows'])
  })

  it('launches the packaged app in smoke-test mode', () => {
    const text = readFileSync('.github/workflows/ci.yml', 'utf8')
    expect(text).toContain('node scripts/smoke-app.ts')
    expect(text).toContain('xvfb-run')
    expect(readFileSync('scripts/smoke-app.ts', 'utf8')).toContain("FRAMEIO_SYNC_SMOKE: '1'")
  })
})
