// The words of the desktop notifications: a finished batch of transfers, files that need
// attention, and signing in again. Pure, so every wording is easy to test.

export interface NotificationText {
  title: string
  body: string
}

export interface TransferBatch {
  projectName: string
  direction: 'uploaded' | 'downloaded'
  paths: string[]
}

export interface NewIssue {
  projectName: string
  path: string
  reason: string
}

const namesShown = 3

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`
}

function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

/** "a.mov, b.mov, c.mov and 9 more" */
function preview(paths: readonly string[]): string {
  const shown = paths.slice(0, namesShown).map(fileName).join(', ')
  const more = paths.length - namesShown
  return more > 0 ? `${shown} and ${more} more` : shown
}

function batchLine(batch: TransferBatch): string {
  const files = plural(batch.paths.length, 'file')
  return batch.direction === 'uploaded'
    ? `${files} uploaded to ${batch.projectName}`
    : `${files} downloaded from ${batch.projectName}`
}

/** One notification for every batch that finished together. */
export function transfersText(batches: readonly TransferBatch[]): NotificationText {
  const [only] = batches
  if (batches.length === 1 && only) return { title: batchLine(only), body: preview(only.paths) }
  const total = batches.reduce((sum, batch) => sum + batch.paths.length, 0)
  return { title: `${plural(total, 'file')} synced`, body: batches.map(batchLine).join('\n') }
}

/** One notification for every sync issue that appeared together. */
export function issuesText(issues: readonly NewIssue[]): NotificationText {
  const [only] = issues
  if (issues.length === 1 && only) {
    return { title: 'A file needs your attention', body: `${only.path} — ${only.reason}` }
  }
  const byProject = new Map<string, string[]>()
  for (const issue of issues) {
    byProject.set(issue.projectName, [...(byProject.get(issue.projectName) ?? []), issue.path])
  }
  const need = `${issues.length} files need your attention`
  const [single] = byProject
  if (byProject.size === 1 && single) {
    return { title: `${need} in ${single[0]}`, body: preview(single[1]) }
  }
  const where = [...byProject].map(([project, paths]) => `${paths.length} in ${project}`)
  return { title: need, body: where.join(', ') }
}

export const signInText: NotificationText = {
  title: 'Sign in to Frame.io again',
  body: 'Syncing has stopped until you sign in. Open Frame.io Sync to sign in.',
}
