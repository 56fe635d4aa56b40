// Holds the client's response schemas (src/core/frameio/schemas.ts) against the official spec:
// every field the client reads must be one the spec's answer defines, a field the client cannot do
// without must be one the spec requires, and a field the spec lets be null must be one the client
// accepts as null.
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import {
  accountSchema,
  fileSchema,
  fileWithLinksSchema,
  fileWithUploadUrlsSchema,
  folderSchema,
  profileSchema,
  projectSchema,
  uploadStatusSchema,
  versionStackSchema,
  workspaceSchema,
} from '../../src/core/frameio/schemas'
import { type JsonObject, readSpec, specPath } from './openapi.ts'

const spec = readSpec()
if (!spec)
  console.log(
    `contract tests skipped: OpenAPI spec not found at ${specPath()} (set FRAMEIO_OPENAPI)`,
  )

interface Fields {
  properties: Record<string, JsonObject>
  required: Set<string>
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function resolve(schema: JsonObject): JsonObject {
  const ref = schema['$ref']
  if (typeof ref !== 'string') return schema
  let at: unknown = spec
  for (const part of ref.replace(/^#\//, '').split('/')) at = isObject(at) ? at[part] : undefined
  if (!isObject(at)) throw new Error(`unresolvable ${ref}`)
  return resolve(at)
}

/** Properties and required names of an object schema, allOf parts merged. */
function fieldsOf(schema: JsonObject): Fields {
  const resolved = resolve(schema)
  const fields: Fields = { properties: {}, required: new Set() }
  for (const part of (resolved['allOf'] as JsonObject[] | undefined) ?? []) {
    const inner = fieldsOf(part)
    Object.assign(fields.properties, inner.properties)
    for (const name of inner.required) fields.required.add(name)
  }
  Object.assign(
    fields.properties,
    (resolved['properties'] as Record<string, JsonObject> | undefined) ?? {},
  )
  for (const name of (resolved['required'] as string[] | undefined) ?? []) fields.required.add(name)
  return fields
}

function isNullable(schema: JsonObject): boolean {
  const resolved = resolve(schema)
  return resolved['nullable'] === true || schema['nullable'] === true
}

function responseSchema(operationId: string, status: string): JsonObject {
  for (const item of Object.values(spec!['paths'] as JsonObject)) {
    for (const operation of Object.values(item as JsonObject)) {
      if (isObject(operation) && operation['operationId'] === operationId) {
        const responses = operation['responses'] as Record<string, JsonObject>
        const content = responses[status]!['content'] as Record<string, JsonObject>
        return content['application/json']!['schema'] as JsonObject
      }
    }
  }
  throw new Error(`no operation ${operationId}`)
}

/** Walks into `data`, then into list items or the oneOf variant for a `type`. */
function itemSchema(operationId: string, status: string, list: boolean, type?: string): JsonObject {
  const data = fieldsOf(responseSchema(operationId, status)).properties['data']!
  let item = list ? (resolve(data)['items'] as JsonObject) : data
  if (type) {
    const variants = (resolve(item)['oneOf'] as JsonObject[]).map(resolve)
    const mapping = (resolve(item)['discriminator'] as { mapping: Record<string, string> }).mapping
    item = { $ref: mapping[type]! }
    expect(variants.length).toBeGreaterThan(1)
  }
  return item
}

/**
 * Fields the client needs although the spec leaves them optional, and why that is right: without
 * them the answer is useless, and their absence is reported as an unexpected answer.
 */
const neededBeyondSpec: Record<string, string[]> = {
  'files.create_local_upload': ['upload_urls'],
}

/** The problems of one client schema against one spec schema. */
function problems(label: string, client: z.ZodType, specItem: JsonObject): string[] {
  const shape = (client as unknown as { in: { shape: Record<string, z.ZodType> } }).in.shape
  const fields = fieldsOf(specItem)
  const found: string[] = []
  for (const [name, field] of Object.entries(shape)) {
    const property = fields.properties[name]
    if (!property) {
      found.push(`${label}: the client reads "${name}", which the spec does not define`)
      continue
    }
    const optional = field.safeParse(undefined).success
    const excused = neededBeyondSpec[label]?.includes(name) ?? false
    if (!optional && !fields.required.has(name) && !excused) {
      found.push(`${label}: the client needs "${name}", which the spec does not require`)
    }
    if (isNullable(property) && !field.safeParse(null).success) {
      found.push(`${label}: the spec lets "${name}" be null, the client does not accept null`)
    }
  }
  return found
}

describe.skipIf(!spec)("the client's response schemas against the spec", () => {
  it.each([
    ['users.show', '200', false, profileSchema],
    ['accounts.index', '200', true, accountSchema],
    ['workspaces.index', '200', true, workspaceSchema],
    ['projects.index', '200', true, projectSchema],
    ['projects.show', '200', false, projectSchema],
    ['files.show', '200', false, fileWithLinksSchema],
    ['folders.list', '200', true, folderSchema],
    ['folders.create', '201', false, folderSchema],
    ['files.update', '200', false, fileSchema],
    ['files.move', '200', false, fileSchema],
    ['folders.update', '200', false, folderSchema],
    ['folders.move', '200', false, folderSchema],
    ['files.create_local_upload', '201', false, fileWithUploadUrlsSchema],
    ['files.show_file_upload_status', '200', false, uploadStatusSchema],
  ] as const)('%s %s', (operationId, status, list, client) => {
    expect(problems(operationId, client, itemSchema(operationId, status, list))).toEqual([])
  })

  it.each([
    ['file', fileSchema],
    ['folder', folderSchema],
    ['version_stack', versionStackSchema],
  ] as const)('folders.index items of type %s', (type, client) => {
    expect(
      problems(`folders.index ${type}`, client, itemSchema('folders.index', '200', true, type)),
    ).toEqual([])
  })

  it('would catch a client that needs a field the spec leaves optional, or refuses its null', () => {
    const files = itemSchema('files.show', '200', false)
    const shape = (fileSchema as unknown as { in: z.ZodObject }).in
    const strict = shape.extend({ adobe_id: shape.shape['name']! })
    const found = problems('probe', { in: strict } as unknown as z.ZodType, files)
    expect(found).toEqual([
      'probe: the client needs "adobe_id", which the spec does not require',
      'probe: the spec lets "adobe_id" be null, the client does not accept null',
    ])
  })
})
