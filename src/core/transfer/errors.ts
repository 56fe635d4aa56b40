// Why a transfer did not end verified, in words a person can act on. Each becomes a sync issue.

export type TransferProblem =
  | 'changed-while-uploading'
  | 'vanished'
  | 'verification-failed'
  | 'refused'
  | 'target-exists'
  | 'disk-full'
  | 'not-ready'
  | 'folder-not-synced'
  | 'failed'

export class TransferError extends Error {
  readonly problem: TransferProblem
  /** Whether trying again later may succeed without anyone doing anything. */
  readonly transient: boolean

  constructor(
    problem: TransferProblem,
    message: string,
    options: { transient?: boolean; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'TransferError'
    this.problem = problem
    this.transient = options.transient ?? false
  }
}

export function vanished(name: string, cause?: unknown): TransferError {
  return new TransferError(
    'vanished',
    `${name} is gone: it was deleted or moved before it finished uploading.`,
    { cause },
  )
}
