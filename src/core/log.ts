// The app's recent log, kept in memory for "Copy diagnostics": the last lines, with anything that
// looks like a token, a sign-in code or a signed address's signature blanked out first.
const secretPatterns: Array<[RegExp, string]> = [
  [/(bearer\s+)[\w.~+/-]+=*/gi, '$1[redacted]'],
  [
    /\b(access_token|refresh_token|id_token|code|state|code_verifier|X-Amz-Signature|Signature|token)=[^&\s"']+/gi,
    '$1=[redacted]',
  ],
  [
    /("(?:access_token|refresh_token|id_token|accessToken|refreshToken)"\s*:\s*")[^"]*"/g,
    '$1[redacted]"',
  ],
  // JSON Web Tokens: three base64url parts, the first starting with '{"' encoded.
  [/\beyJ[\w-]+\.[\w-]+\.[\w-]+/g, '[redacted token]'],
]

/** The line with every secret-looking part replaced. */
export function redact(line: string): string {
  return secretPatterns.reduce(
    (text, [pattern, replacement]) => text.replace(pattern, replacement),
    line,
  )
}

export class LogBuffer {
  private readonly lines: string[] = []

  constructor(
    private readonly capacity = 200,
    private readonly now: () => Date = () => new Date(),
  ) {}

  add(line: string): void {
    this.lines.push(`${this.now().toISOString()} ${redact(line)}`)
    if (this.lines.length > this.capacity) this.lines.splice(0, this.lines.length - this.capacity)
  }

  recent(): string[] {
    return [...this.lines]
  }
}
