// Cursor pagination as V4 does it: page_size within the endpoint's bounds, an opaque `after`
// cursor that points at the last item seen (so deleting an item between pages skips nothing),
// links.next without `include` (clients must add it back) and an optional total.
import { HttpError } from './http.ts'

export interface Page<T> {
  data: T[]
  links: { next: string | null }
  total_count: number | null
}

function encodeCursor(seq: number): string {
  return Buffer.from(JSON.stringify({ after: seq })).toString('base64url')
}

function decodeCursor(cursor: string): number {
  try {
    const { after } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      after: unknown
    }
    if (typeof after === 'number' && Number.isInteger(after) && after >= 0) return after
  } catch {
    // falls through to the refusal below
  }
  throw new HttpError(422, `after: "${cursor}" is not a cursor this endpoint gave out`)
}

export function paginate<T extends { seq: number }, R>(
  items: T[],
  query: URLSearchParams,
  path: string,
  maxPageSize: number,
  render: (item: T) => R,
): Page<R> {
  const sizeText = query.get('page_size')
  const pageSize = sizeText === null ? 50 : Number(sizeText)
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > maxPageSize) {
    throw new HttpError(
      422,
      `page_size must be a whole number from 1 to ${maxPageSize}, got "${sizeText}"`,
    )
  }
  const after = query.get('after')
  const from = after ? decodeCursor(after) : 0
  const ordered = [...items].sort((a, b) => a.seq - b.seq).filter((item) => item.seq > from)
  const slice = ordered.slice(0, pageSize)
  let next: string | null = null
  if (ordered.length > pageSize) {
    const carried = new URLSearchParams()
    for (const [key, value] of query)
      if (key !== 'after' && key !== 'include') carried.set(key, value)
    carried.set('after', encodeCursor(slice.at(-1)!.seq))
    carried.set('page_size', String(pageSize))
    next = `${path}?${carried}`
  }
  return {
    data: slice.map(render),
    links: { next },
    total_count: query.get('include_total_count') === 'true' ? items.length : null,
  }
}
