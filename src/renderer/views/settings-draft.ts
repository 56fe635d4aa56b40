// The settings form's working copy: values as typed, read back into settings with a plain-words
// problem per field (limits come from the shared schema), and the part that changed.
import { type ApiSettings, type Settings, settingsSchema } from '../../shared'
import { type RateDraft, type RateSetting, rateDraft, readRate } from './settings-rate'

export type WholeNumberSetting =
  'partsPerFile' | 'partsOverall' | 'filesAtOnce' | 'readyAfterSeconds'
export type ApiField = keyof ApiSettings

export interface SettingsDraft {
  startAtLogin: boolean
  notificationLevel: Settings['notificationLevel']
  uploadBytesPerSecond: RateDraft
  downloadBytesPerSecond: RateDraft
  partsPerFile: string
  partsOverall: string
  filesAtOnce: string
  readyAfterSeconds: string
  /** One pattern per line. */
  ignorePatterns: string
  api: ApiSettings
}

/** Where a problem shows: a setting, or `api.<field>`, named as the service names fields. */
export type FieldName = keyof SettingsDraft | `api.${ApiField}`
export type FieldProblems = Partial<Record<FieldName, string>>

/** What the form edits; startAtLoginChosen is the app's own bookkeeping. */
export type EditableSettings = Omit<Settings, 'startAtLoginChosen'>

export type DraftReading =
  { ok: true; settings: EditableSettings } | { ok: false; problems: FieldProblems }

/** Form order, so the first problem found is the first one on screen. */
export const fieldOrder: readonly FieldName[] = [
  'startAtLogin',
  'notificationLevel',
  'uploadBytesPerSecond',
  'downloadBytesPerSecond',
  'filesAtOnce',
  'partsPerFile',
  'partsOverall',
  'readyAfterSeconds',
  'ignorePatterns',
  'api.apiUrl',
  'api.imsUrl',
  'api.clientId',
  'api.redirectUri',
]

export function draftFrom(settings: Settings): SettingsDraft {
  return {
    startAtLogin: settings.startAtLogin,
    notificationLevel: settings.notificationLevel,
    uploadBytesPerSecond: rateDraft(settings.uploadBytesPerSecond),
    downloadBytesPerSecond: rateDraft(settings.downloadBytesPerSecond),
    partsPerFile: String(settings.partsPerFile),
    partsOverall: String(settings.partsOverall),
    filesAtOnce: String(settings.filesAtOnce),
    readyAfterSeconds: String(settings.readyAfterSeconds),
    ignorePatterns: settings.ignorePatterns.join('\n'),
    api: { ...settings.api },
  }
}

/** The allowed range of a whole-number setting, as the shared schema states it. */
export function wholeNumberRange(setting: WholeNumberSetting): { min: number; max: number } {
  const schema = settingsSchema.shape[setting]
  return { min: schema.minValue ?? 0, max: schema.maxValue ?? Number.MAX_SAFE_INTEGER }
}

/** The settings a draft stands for, or a problem for each field that cannot be used. */
export function readDraft(draft: SettingsDraft): DraftReading {
  const problems: FieldProblems = {}
  const rate = (setting: RateSetting): number => {
    const reading = readRate(draft[setting], setting)
    if (reading.ok) return reading.bytesPerSecond
    problems[setting] = reading.problem
    return 0
  }
  const whole = (setting: WholeNumberSetting): number => {
    const text = draft[setting].trim()
    const checked = settingsSchema.shape[setting].safeParse(/^\d+$/.test(text) ? Number(text) : NaN)
    if (checked.success) return checked.data
    const { min, max } = wholeNumberRange(setting)
    problems[setting] = `Enter a whole number from ${min} to ${max}.`
    return min
  }
  const address = (field: ApiField, check: (url: URL | null) => string | null): string => {
    const text = draft.api[field].trim()
    const problem = text === '' ? null : check(parsedUrl(text))
    if (problem) problems[`api.${field}`] = problem
    return text
  }
  const settings: EditableSettings = {
    startAtLogin: draft.startAtLogin,
    notificationLevel: draft.notificationLevel,
    uploadBytesPerSecond: rate('uploadBytesPerSecond'),
    downloadBytesPerSecond: rate('downloadBytesPerSecond'),
    partsPerFile: whole('partsPerFile'),
    partsOverall: whole('partsOverall'),
    filesAtOnce: whole('filesAtOnce'),
    readyAfterSeconds: whole('readyAfterSeconds'),
    ignorePatterns: draft.ignorePatterns.split(/\r?\n/).filter((line) => line.trim() !== ''),
    api: {
      apiUrl: address('apiUrl', webAddressProblem),
      imsUrl: address('imsUrl', webAddressProblem),
      clientId: draft.api.clientId.trim(),
      redirectUri: address('redirectUri', (url) =>
        url
          ? null
          : 'Enter the redirect URI from your Adobe credential (adobe+…://adobeid/…), or leave it empty.',
      ),
    },
  }
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, settings }
}

/** Only the settings whose value differs from the saved ones (`api` travels whole). */
export function changedSettings(saved: Settings, next: EditableSettings): Partial<Settings> {
  const entries = Object.entries(next) as [keyof EditableSettings, unknown][]
  return Object.fromEntries(entries.filter(([key, value]) => !sameValue(saved[key], value)))
}

/** The first field with a problem, in the order the form shows them. */
export function firstProblem(problems: FieldProblems): FieldName | undefined {
  return fieldOrder.find((field) => problems[field] !== undefined)
}

function parsedUrl(text: string): URL | null {
  try {
    return new URL(text)
  } catch {
    return null
  }
}

function webAddressProblem(url: URL | null): string | null {
  return url?.protocol === 'https:' || url?.protocol === 'http:'
    ? null
    : 'Enter an address starting with https:// (or http://), or leave it empty.'
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]))
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)])
    return [...keys].every((key) => sameValue(a[key], b[key]))
  }
  return Object.is(a, b)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The form field a service error names (`ignorePatterns.2` is the ignorePatterns field). */
export function fieldNamed(path: string | undefined): FieldName | undefined {
  const [first, second] = (path ?? '').split('.')
  const name = first === 'api' ? `api.${second}` : first
  return fieldOrder.find((field) => field === name)
}
