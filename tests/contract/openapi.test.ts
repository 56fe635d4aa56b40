// Owns the checks that the OpenAPI contract validator accepts what Frame.io's spec allows and
// refuses what it does not. Fixtures are our own, written from reading the spec.
import { describe, expect, it } from 'vitest'
import { type Contract, loadContract, specPath } from './openapi'

const contract = loadContract()
if (contract === null) {
  console.log(
    `contract tests skipped: OpenAPI spec not found at ${specPath()} (set FRAMEIO_OPENAPI)`,
  )
}

const ids = {
  user: '0b7c2f8e-4b0d-4c1e-9d3a-1f2e3d4c5b6a',
  project: '1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d',
  root: '2b3c4d5e-6f7a-4b2c-9d3e-4f5a6b7c8d9e',
  file: '3c4d5e6f-7a8b-4c3d-8e4f-5a6b7c8d9e0f',
  folder: '4d5e6f7a-8b9c-4d4e-9f5a-6b7c8d9e0f1a',
  stack: '5e6f7a8b-9c0d-4e5f-8a6b-7c8d9e0f1a2b',
  field: '6f7a8b9c-0d1e-4f6a-9b7c-8d9e0f1a2b3c',
  option: '7a8b9c0d-1e2f-4a7b-8c8d-9e0f1a2b3c4d',
}

function asset(type: 'file' | 'folder' | 'version_stack', id: string, name: string) {
  return {
    id,
    name,
    type,
    project_id: ids.project,
    parent_id: ids.root,
    created_at: '2025-03-04T10:11:12.123456Z',
    updated_at: '2025-03-04T10:11:13.654321Z',
    view_url: `https://next.frame.io/project/${ids.project}/view/${id}`,
  }
}

function without(object: object, key: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([k]) => k !== key))
}

function file(extra: Record<string, unknown> = {}) {
  return {
    ...asset('file', ids.file, 'clip.mov'),
    status: 'uploaded',
    media_type: 'video/quicktime',
    file_size: 1048576,
    ...extra,
  }
}

const folder = { ...asset('folder', ids.folder, 'Dailies'), cover_file_id: null }
const stack = { ...asset('version_stack', ids.stack, 'Edit v2'), head_version: file() }
const error = { errors: [{ detail: 'Something went wrong', title: 'Oops' }] }

describe.skipIf(contract === null)('Frame.io OpenAPI contract', () => {
  // The tests run only when the spec loaded (skipIf above), so contract is not null in them.
  const c = contract as Contract

  describe('users.show', () => {
    const user = { id: ids.user, name: 'Ada', email: 'ada@example.com', avatar_url: null }

    it('accepts a profile (nullable avatar_url)', () => {
      expect(c.validateResponse('users.show', 200, { data: user })).toEqual([])
    })

    it('refuses a profile without email, naming it', () => {
      const problems = c.validateResponse('users.show', 200, { data: without(user, 'email') })
      expect(problems).toHaveLength(1)
      expect(problems[0]).toMatch(/^users\.show 200: \/data .*'email'/)
    })
  })

  describe('files.show', () => {
    const original = { download_url: 'https://example.com/d', inline_url: null }

    it('accepts a file with media_links.original', () => {
      const body = { data: file({ media_links: { original } }) }
      expect(c.validateResponse('files.show', 200, body)).toEqual([])
    })

    it("refuses status 'ready'", () => {
      expect(c.validateResponse('files.show', 200, { data: file({ status: 'ready' }) })).toEqual([
        'files.show 200: /data/status must be equal to one of the allowed values',
      ])
    })

    it('refuses an invented top-level field in the strict file schema', () => {
      const problems = c.validateResponse('files.show', 200, { data: file({ checksum: 'abc' }) })
      expect(problems).toEqual([
        'files.show 200: /data must NOT have unevaluated properties (checksum)',
      ])
    })

    it('refuses an invented field in the strict original media link', () => {
      const body = { data: file({ media_links: { original: { ...original, size: 3 } } }) }
      expect(c.validateResponse('files.show', 200, body)).toEqual([
        'files.show 200: /data/media_links/original must NOT have unevaluated properties (size)',
      ])
    })

    it('refuses an id that is not a uuid', () => {
      const problems = c.validateResponse('files.show', 200, { data: file({ id: 'nope' }) })
      expect(problems).toEqual(['files.show 200: /data/id must match format "uuid"'])
    })

    it('accepts a select metadata value (discriminator dispatch, not an ambiguous oneOf)', () => {
      const option = { id: ids.option, display_name: 'Approved' }
      const metadata = [
        {
          field_definition_id: ids.field,
          field_definition_name: 'Review',
          field_type: 'select',
          mutable: true,
          field_options: [option],
          value: [option],
        },
      ]
      expect(c.validateResponse('files.show', 200, { data: file({ metadata }) })).toEqual([])
    })
  })

  describe('folders.index', () => {
    const listing = (data: unknown[]) => ({ data, links: { next: null }, total_count: data.length })

    it('accepts a listing with a file, a folder and a version stack', () => {
      const body = listing([file(), folder, stack])
      expect(c.validateResponse('folders.index', 200, body)).toEqual([])
    })

    it('accepts a version stack whose head_version is null', () => {
      const body = listing([{ ...stack, head_version: null }])
      expect(c.validateResponse('folders.index', 200, body)).toEqual([])
    })

    it('refuses a folder without cover_file_id', () => {
      const bare = without(folder, 'cover_file_id')
      const problems = c.validateResponse('folders.index', 200, listing([file(), bare]))
      expect(problems).toEqual([
        "folders.index 200: /data/1 must have required property 'cover_file_id'",
      ])
    })

    it('refuses an unknown asset type', () => {
      const problems = c.validateResponse('folders.index', 200, listing([{ ...folder, type: 'x' }]))
      expect(problems).toContain(
        'folders.index 200: /data/0/type must be equal to one of the allowed values',
      )
    })
  })

  describe('files.create_local_upload', () => {
    it('accepts the 201 body with upload_urls', () => {
      const data = {
        ...file({ status: 'created', media_type: 'video/mp4', file_size: 30 }),
        upload_urls: [
          { size: 20, url: 'https://uploads.example.com/part1' },
          { size: 10, url: 'https://uploads.example.com/part2' },
        ],
      }
      expect(c.validateResponse('files.create_local_upload', 201, { data })).toEqual([])
    })

    it('accepts a request with name and file_size', () => {
      const body = { data: { name: 'a.mov', file_size: 10 } }
      expect(c.validateRequest('files.create_local_upload', body)).toEqual([])
    })

    it('refuses a request with media_type', () => {
      const body = { data: { name: 'a.mov', file_size: 10, media_type: 'video/mp4' } }
      expect(c.validateRequest('files.create_local_upload', body)).toEqual([
        'files.create_local_upload request: /data must NOT have additional properties (media_type)',
      ])
    })

    it('refuses an empty name without file_size', () => {
      const problems = c.validateRequest('files.create_local_upload', { data: { name: '' } })
      expect(problems).toContain(
        "files.create_local_upload request: /data must have required property 'file_size'",
      )
      expect(problems).toContain(
        'files.create_local_upload request: /data/name must NOT have fewer than 1 characters',
      )
    })
  })

  describe('files.show_file_upload_status', () => {
    it('accepts an upload status', () => {
      const data = {
        id: ids.file,
        filetype: 'video/quicktime',
        uploaded_at: null,
        upload_completed_at: null,
        upload_complete: false,
        upload_failed: false,
      }
      expect(c.validateResponse('files.show_file_upload_status', 200, { data })).toEqual([])
    })
  })

  describe('errors and statuses', () => {
    it.each([401, 404, 422, 429])('accepts the error body for %i', (status) => {
      expect(c.validateResponse('files.show', status, error)).toEqual([])
    })

    it('refuses an error body of another shape', () => {
      expect(c.validateResponse('files.show', 404, { error: 'x' })).toEqual([
        "files.show 404: / must have required property 'errors'",
      ])
    })

    it('reports a status the operation does not declare', () => {
      const problems = c.validateResponse('files.show', 418, error)
      expect(problems).toHaveLength(1)
      expect(problems[0]).toMatch(/^files\.show 418: status 418 is not declared/)
    })

    it('lists declared statuses and knows operations', () => {
      expect(c.responseStatuses('files.show')).toEqual([200, 400, 401, 403, 404, 409, 422, 429])
      expect(c.hasOperation('folders.index')).toBe(true)
      expect(c.hasOperation('files.teleport')).toBe(false)
      expect(c.validateResponse('files.teleport', 200, {})).toEqual([
        'files.teleport: no such operationId in the spec',
      ])
    })
  })

  describe('files.delete', () => {
    it('accepts its no-content status with an empty body', () => {
      expect(c.responseStatuses('files.delete')).toContain(204)
      expect(c.validateResponse('files.delete', 204, undefined)).toEqual([])
      expect(c.validateResponse('files.delete', 204, '')).toEqual([])
    })

    it('refuses a body on the no-content status', () => {
      expect(c.validateResponse('files.delete', 204, { data: {} })).toHaveLength(1)
    })
  })
})
