// The AppState snapshot: everything a window needs to draw itself, pushed on the `state` event.
import { z } from 'zod'

export const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
})

export const rootStatusSchema = z.enum(['idle', 'syncing', 'paused', 'offline', 'attention'])

export const syncModeSchema = z.enum(['two-way', 'upload-only', 'download-only'])

export const rootSchema = z.object({
  id: z.string(),
  localPath: z.string(),
  projectName: z.string(),
  mode: syncModeSchema,
  status: rootStatusSchema,
  statusReason: z.string().nullable(),
})

export const transferSchema = z.object({
  id: z.string(),
  rootId: z.string(),
  path: z.string(),
  direction: z.enum(['upload', 'download']),
  bytesDone: z.number().int().nonnegative(),
  bytesTotal: z.number().int().nonnegative(),
})

export const syncIssueSchema = z.object({
  id: z.string(),
  rootId: z.string(),
  path: z.string(),
  reason: z.string(),
  at: z.string(),
})

export const appStateSchema = z.object({
  user: userSchema.nullable(),
  paused: z.boolean(),
  roots: z.array(rootSchema),
  transfers: z.array(transferSchema),
  issues: z.array(syncIssueSchema),
})

export type User = z.infer<typeof userSchema>
export type SyncRoot = z.infer<typeof rootSchema>
export type Transfer = z.infer<typeof transferSchema>
export type SyncIssue = z.infer<typeof syncIssueSchema>
export type AppState = z.infer<typeof appStateSchema>

export const emptyAppState: AppState = {
  user: null,
  paused: false,
  roots: [],
  transfers: [],
  issues: [],
}
