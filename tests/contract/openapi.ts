// Owns contract checking against Frame.io's official OpenAPI spec: loads it at run time (never
// copied into the project), adapts its OpenAPI 3.0 quirks for ajv, and validates exchanges.
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { type ErrorObject, type ValidateFunction } from 'ajv'
import Ajv2019 from 'ajv/dist/2019.js'
import addFormats from 'ajv-formats'

export interface Contract {
  /** Problems with a response body for a status of an operation; empty when it conforms. */
  validateResponse(operationId: string, status: number, body: unknown): string[]
  /** Problems with a JSON request body of an operation; empty when it conforms. */
  validateRequest(operationId: string, body: unknown): string[]
  hasOperation(operationId: string): boolean
  /** The HTTP statuses the operation declares, ascending. */
  responseStatuses(operationId: string): number[]
}

export type JsonObject = { [key: string]: unknown }
type Content = { [mediaType: string]: { schema?: unknown } | undefined }
interface Operation {
  requestBody?: { content?: Content }
  responses?: { [status: string]: { content?: Content } | undefined }
}

/** Base URI under which the spec's components are registered with ajv. */
const SPEC_ID = 'frameio-openapi-v4.json'
const JSON_TYPE = 'application/json'
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

export function specPath(): string {
  return process.env['FRAMEIO_OPENAPI'] ?? resolve('../shared/frameio/openapi-v4.json')
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Absolute ref: lets any subschema be compiled on its own against the registered spec. */
function absoluteRef(ref: unknown): unknown {
  return typeof ref === 'string' && ref.startsWith('#') ? SPEC_ID + ref : ref
}

/**
 * Returns a rewritten copy (the input is not changed) of one OpenAPI 3.0 schema as JSON Schema
 * 2019-09 that means what the spec intends. Only keywords that hold schemas are followed, so
 * examples and property names are never mistaken for keywords.
 */
function adapt(schema: unknown): unknown {
  if (!isObject(schema)) return schema
  const out: JsonObject = { ...schema }
  for (const key of ['items', 'not', 'additionalProperties']) {
    if (isObject(out[key])) out[key] = adapt(out[key])
  }
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = out[key]
    if (Array.isArray(list)) out[key] = list.map(adapt)
  }
  const props = out['properties']
  if (isObject(props)) {
    out['properties'] = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, adapt(v)]))
  }
  if ('$ref' in out) out['$ref'] = absoluteRef(out['$ref'])

  // Quirk 4: `discriminator` with `mapping` (ajv's own support refuses mappings). Dispatch on the
  // property to the mapped schema instead of oneOf: one branch applies, so errors are specific.
  const discriminator = out['discriminator']
  delete out['discriminator']
  if (isObject(discriminator) && isObject(discriminator['mapping'])) {
    const name = String(discriminator['propertyName'])
    const mapping = Object.entries(discriminator['mapping'])
    delete out['oneOf']
    out['allOf'] = [
      ...(Array.isArray(out['allOf']) ? out['allOf'] : []),
      { required: [name], properties: { [name]: { enum: mapping.map(([value]) => value) } } },
      ...mapping.map(([value, ref]) => ({
        if: { required: [name], properties: { [name]: { const: value } } },
        then: { $ref: absoluteRef(ref) },
      })),
    ]
  }

  // Quirk 3: `additionalProperties: false` next to allOf means "nothing beyond the parts", which
  // is `unevaluatedProperties: false` in 2019-09. `additionalProperties: true` is a no-op in
  // OpenAPI but in 2019-09 it marks every property evaluated, which would defeat an enclosing
  // unevaluatedProperties (OriginalMediaLink over MediaLinkCommon): drop it. A strict schema
  // used as an allOf part keeps restricting the whole object to its own properties, as in plain
  // JSON Schema: the spec does that only through single-part wrappers (head_version:
  // allOf [FileWithIncludes]), where that is exactly the intent.
  if (out['additionalProperties'] === true) delete out['additionalProperties']
  const composed = ['allOf', 'anyOf', 'oneOf'].some((key) => key in out)
  if (out['additionalProperties'] === false && composed) {
    delete out['additionalProperties']
    out['unevaluatedProperties'] = false
  }

  // Quirk 1: ajv implements `nullable` as "type also admits null", which does not reach enum or
  // composed/referenced schemas. Add null to enums; wrap composed ones as "null or the schema".
  if (out['nullable'] === true) {
    const values = out['enum']
    if (Array.isArray(values) && !values.includes(null)) out['enum'] = [...values, null]
    if (composed || '$ref' in out || 'not' in out) {
      delete out['nullable']
      return { anyOf: [{ type: 'null' }, out] }
    }
  }
  return out
}

/** Every `format` used by the schemas, to register the ones ajv-formats does not know. */
function formatsIn(node: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(node)) node.forEach((item) => formatsIn(item, found))
  else if (isObject(node)) {
    if (typeof node['format'] === 'string') found.add(node['format'])
    Object.values(node).forEach((value) => formatsIn(value, found))
  }
  return found
}

function jsonSchema(content: Content | undefined): unknown {
  return content?.[JSON_TYPE]?.schema
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath === '' ? '/' : error.instancePath
  const params: Record<string, unknown> = error.params
  const extra = params['additionalProperty'] ?? params['unevaluatedProperty']
  return `${where} ${error.message ?? error.keyword}${extra === undefined ? '' : ` (${String(extra)})`}`
}

function isEmptyBody(body: unknown): boolean {
  return body === undefined || body === null || body === ''
}

/** The parsed spec, or null when the file is absent. */
export function readSpec(): JsonObject | null {
  const path = specPath()
  if (!existsSync(path)) return null
  const spec: unknown = JSON.parse(readFileSync(path, 'utf8'))
  if (!isObject(spec) || !isObject(spec['paths'])) throw new Error(`not an OpenAPI spec: ${path}`)
  return spec
}

export function loadContract(): Contract | null {
  const spec = readSpec()
  if (!spec || !isObject(spec['paths'])) return null
  const components = isObject(spec['components']) ? spec['components'] : {}
  const rawSchemas = isObject(components['schemas']) ? components['schemas'] : {}

  // strict: false lets the OpenAPI-only keywords (example, discriminator leftovers, x-*) pass.
  const ajv = new Ajv2019({ strict: false, allErrors: true })
  addFormats(ajv)
  for (const format of formatsIn(spec, new Set())) {
    // Formats such as 'datetime', 'mp4' or 'HH:MM:SS:FF' are annotations only here.
    if (ajv.formats[format] === undefined) ajv.addFormat(format, true)
  }
  const schemas = Object.fromEntries(Object.entries(rawSchemas).map(([k, v]) => [k, adapt(v)]))
  ajv.addSchema({ $id: SPEC_ID, components: { schemas } })

  const operations = new Map<string, Operation>()
  for (const item of Object.values(spec['paths'])) {
    if (!isObject(item)) continue
    for (const method of HTTP_METHODS) {
      const op = item[method]
      if (isObject(op) && typeof op['operationId'] === 'string') {
        operations.set(op['operationId'], op as Operation)
      }
    }
  }

  const validators = new Map<string, ValidateFunction>()
  function check(key: string, schema: unknown, label: string, body: unknown): string[] {
    let validate = validators.get(key)
    if (validate === undefined) {
      validate = ajv.compile(adapt(schema) as JsonObject)
      validators.set(key, validate)
    }
    if (validate(body)) return []
    const errors = (validate.errors ?? []).filter(
      // Noise: failed `if` of the discriminator dispatch and the null branch of a nullable wrap.
      (e) => e.keyword !== 'if' && !(e.keyword === 'type' && e.params['type'] === 'null'),
    )
    return [...new Set(errors.map((e) => `${label}: ${describeError(e)}`))]
  }

  return {
    hasOperation: (operationId) => operations.has(operationId),

    responseStatuses(operationId) {
      const responses = operations.get(operationId)?.responses ?? {}
      return Object.keys(responses)
        .map(Number)
        .filter(Number.isInteger)
        .sort((a, b) => a - b)
    },

    validateResponse(operationId, status, body) {
      const label = `${operationId} ${status}`
      const op = operations.get(operationId)
      if (op === undefined) return [`${operationId}: no such operationId in the spec`]
      const responses = op.responses ?? {}
      const response = responses[String(status)] ?? responses['default']
      if (response === undefined) {
        const declared = Object.keys(responses).join(', ')
        return [
          `${label}: status ${status} is not declared by the operation (declared: ${declared})`,
        ]
      }
      const schema = jsonSchema(response.content)
      if (schema === undefined) {
        return isEmptyBody(body) ? [] : [`${label}: expected no body, got ${JSON.stringify(body)}`]
      }
      return check(`${operationId} ${status}`, schema, label, body)
    },

    validateRequest(operationId, body) {
      const label = `${operationId} request`
      const op = operations.get(operationId)
      if (op === undefined) return [`${operationId}: no such operationId in the spec`]
      const schema = jsonSchema(op.requestBody?.content)
      if (schema === undefined) {
        return isEmptyBody(body) ? [] : [`${label}: the operation takes no JSON request body`]
      }
      return check(`${operationId} request`, schema, label, body)
    },
  }
}
