// The user's preferences, one schema for the desktop app (electron-store) and the CLI (conf):
// their shape, defaults and limits. Tokens are never settings.
import { z } from 'zod'

export const notificationLevelSchema = z.enum(['all', 'issues', 'none'])

const bytesPerSecond = z.number().int().nonnegative()

export const apiSettingsSchema = z.object({
  apiUrl: z.string(),
  imsUrl: z.string(),
  clientId: z.string(),
  redirectUri: z.string(),
})

export const settingsSchema = z.object({
  startAtLogin: z.boolean(),
  /** Whether startAtLogin holds a choice (the person's, or the first sign-in's default) to keep. */
  startAtLoginChosen: z.boolean(),
  notificationLevel: notificationLevelSchema,
  /** 0 means unlimited. */
  uploadBytesPerSecond: bytesPerSecond,
  downloadBytesPerSecond: bytesPerSecond,
  /** Upload parts of one file in flight at once. */
  partsPerFile: z.number().int().min(1).max(16),
  /** Upload parts in flight across all files. */
  partsOverall: z.number().int().min(1).max(64),
  /** Files transferred at once. */
  filesAtOnce: z.number().int().min(1).max(16),
  /** Seconds a new local file must stay unchanged before it is uploaded; per-root default. */
  readyAfterSeconds: z.number().int().min(0).max(86_400),
  /** Empty strings fall back to the environment, then to the real services. */
  api: apiSettingsSchema,
  /** gitignore-style patterns ignored in every root, on top of the built-in ones. */
  ignorePatterns: z.array(z.string()),
})

export type Settings = z.infer<typeof settingsSchema>
export type ApiSettings = z.infer<typeof apiSettingsSchema>

export const defaultSettings: Settings = {
  startAtLogin: false,
  startAtLoginChosen: false,
  notificationLevel: 'all',
  uploadBytesPerSecond: 0,
  downloadBytesPerSecond: 0,
  partsPerFile: 4,
  partsOverall: 8,
  filesAtOnce: 4,
  readyAfterSeconds: 60,
  api: { apiUrl: '', imsUrl: '', clientId: '', redirectUri: '' },
  ignorePatterns: [],
}

export type SettingsCheck = { ok: true; settings: Settings } | { ok: false; problem: string }

/**
 * Stored settings as the app and the CLI use them: defaults for whatever is missing (inside `api`
 * too, which a shallow merge would leave half filled), then checked against the schema, so a
 * hand-edited mistake is named rather than obeyed. Unknown keys are dropped.
 */
export function checkSettings(stored: Readonly<Record<string, unknown>>): SettingsCheck {
  const api = stored['api']
  const parsed = settingsSchema.safeParse({
    ...defaultSettings,
    ...stored,
    api: isPlainObject(api) ? { ...defaultSettings.api, ...api } : (api ?? defaultSettings.api),
  })
  if (parsed.success) return { ok: true, settings: parsed.data }
  const [issue] = parsed.error.issues
  return { ok: false, problem: `a bad value for "${issue?.path.join('.')}": ${issue?.message}` }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
