// The Content-Security-Policy of every app page, one definition for the built HTML's <meta> tag
// (what Electron loads) and the loopback bridge's headers; so only directives a <meta> tag honours.
const productionDirectives: Record<string, string> = {
  'default-src': "'none'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'object-src': "'none'",
}

/** The dev server injects styles and a hot-reload preamble and talks over a websocket. */
const developmentOverrides: Record<string, string> = {
  'script-src': "'self' 'unsafe-inline'",
  'style-src': "'self' 'unsafe-inline'",
  'connect-src': "'self' ws: http://localhost:* http://127.0.0.1:*",
}

export function contentSecurityPolicy(mode: 'production' | 'development' = 'production'): string {
  const directives =
    mode === 'production'
      ? productionDirectives
      : { ...productionDirectives, ...developmentOverrides }
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ')
}
