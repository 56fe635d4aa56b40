// The AppState snapshot: everything a window needs to draw itself, pushed on the `state` event.
import { z } from 'zod'

export const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
})

export const rootStatusSchema = z.enum(['idle', 'syncing', 'paused', 'offline', 'attention'])

export const syncModeSchema = z.enum(['two-way', 'upload-only', 'download-only'])

const count = z.number().int().nonnegative()

export const rootSchema = z.object({
  id: z.string(),
  localPath: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  mode: syncModeSchema,
  readyAfterSeconds: count,
  status: rootStatusSchema,
  statusReason: z.string().nullable(),
  /** Files queued to move, files waiting to settle, open sync issues. */
  counts: z.object({ queued: count, settling: count, issues: count }),
})

export const transferSchema = z.object({
  id: z.string(),
  rootId: z.string(),
  path: z.string(),
  direction: z.enum(['upload', 'download']),
  bytesDone: count,
  bytesTotal: count,
  bytesPerSecond: z.number().nonnegative(),
  /** Null while the rate is unknown. */
  etaSeconds: z.number().nonnegative().nullable(),
})

/** A local file that changed recently and is uploaded once it stays unchanged until `readyAt`. */
export const settlingSchema = z.object({
  rootId: z.string(),
  path: z.string(),
  /** Epoch milliseconds. */
  readyAt: z.number(),
})

export const syncIssueSchema = z.object({
  id: z.string(),
  rootId: z.string(),
  path: z.string(),
  problem: z.string(),
  reason: z.string(),
  /** When it last happened, ISO 8601. */
  at: z.string(),
})

/** A sign-in in progress in the browser, or how the last one ended when it did not succeed. */
export const signInSchema = z.object({
  status: z.enum(['idle', 'waiting', 'failed']),
  message: z.string().nullable(),
})

export const appStateSchema = z.object({
  user: userSchema.nullable(),
  signIn: signInSchema,
  paused: z.boolean(),
  roots: z.array(rootSchema),
  transfers: z.array(transferSchema),
  settling: z.array(settlingSchema),
  issues: z.array(syncIssueSchema),
})

export type SyncMode = z.infer<typeof syncModeSchema>
export type User = z.infer<typeof userSchema>
export type SyncRoot = z.infer<typeof rootSchema>
export type Transfer = z.infer<typeof transferSchema>
export type Settling = z.infer<typeof settlingSchema>
export type SyncIssue = z.infer<typeof syncIssueSchema>
export type SignIn = z.infer<typeof signInSchema>
export type AppState = z.infer<typeof appStateSchema>

export const emptyAppState: AppState = {
  user: null,
  signIn: { status: 'idle', message: null },
  paused: false,
  roots: [],
  transfers: [],
  settling: [],
  issues: [],
}
