// Where the client finds Frame.io and Adobe IMS, and which OAuth app it signs in as: settings
// first, then environment variables, then the real services. Never constants in the code paths.
import { z } from 'zod'

export interface FrameioConfig {
  apiUrl: string
  imsUrl: string
  clientId: string
  redirectUri: string
  scopes: string[]
}

export const defaultScopes = [
  'openid',
  'profile',
  'email',
  'offline_access',
  'additional_info.roles',
]

const productionDefaults: FrameioConfig = {
  apiUrl: 'https://api.frame.io',
  imsUrl: 'https://ims-na1.adobelogin.com',
  clientId: '',
  redirectUri: '',
  scopes: defaultScopes,
}

const baseUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) address' })
  .transform((url) => url.replace(/\/+$/, ''))

const configSchema = z.object({
  apiUrl: baseUrl,
  imsUrl: baseUrl,
  clientId: z.string(),
  redirectUri: z.string(),
  scopes: z.array(z.string().min(1)).min(1),
})

/** Environment variable for each setting. */
export const configEnv = {
  apiUrl: 'FRAMEIO_API_URL',
  imsUrl: 'FRAMEIO_IMS_URL',
  clientId: 'FRAMEIO_CLIENT_ID',
  redirectUri: 'FRAMEIO_REDIRECT_URI',
} as const

export class ConfigError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`)
    this.name = 'ConfigError'
  }
}

export function resolveConfig(
  settings: Partial<FrameioConfig> = {},
  env: Record<string, string | undefined> = process.env,
): FrameioConfig {
  const fromEnv: Partial<FrameioConfig> = {}
  for (const [field, name] of Object.entries(configEnv) as [keyof typeof configEnv, string][]) {
    const value = env[name]
    if (value) fromEnv[field] = value
  }
  const merged = { ...productionDefaults, ...fromEnv, ...settings }
  const parsed = configSchema.safeParse(merged)
  if (!parsed.success) {
    const [issue] = parsed.error.issues
    throw new ConfigError(String(issue?.path[0] ?? 'config'), issue?.message ?? 'invalid')
  }
  return parsed.data
}
