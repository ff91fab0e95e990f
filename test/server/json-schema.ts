/**
 * A small, strict JSON Schema checker for the subset the OpenAPI document uses. Written for
 * the tests, independent of zod, so a response is checked against the *published* document
 * rather than against the code that produced both. An unknown keyword is an error, never
 * silently accepted.
 */

type Schema = Record<string, unknown>;

const ANNOTATION_KEYWORDS = new Set(['description', 'default', 'title', 'examples']);
const KNOWN_KEYWORDS = new Set([
  '$ref',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'anyOf',
  'enum',
  'const',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'pattern',
  ...ANNOTATION_KEYWORDS,
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

export function validateJson(value: unknown, schema: Schema, root: { components?: { schemas?: Record<string, Schema> } }, where = '$'): string[] {
  const errors: string[] = [];
  for (const key of Object.keys(schema)) if (!KNOWN_KEYWORDS.has(key)) errors.push(`${where}: schema uses unsupported keyword "${key}"`);
  if (typeof schema.$ref === 'string') {
    const name = /^#\/components\/schemas\/(.+)$/.exec(schema.$ref)?.[1];
    const target = name ? root.components?.schemas?.[name] : undefined;
    if (!target) return [...errors, `${where}: unresolved $ref ${schema.$ref}`];
    return [...errors, ...validateJson(value, target, root, where)];
  }
  if (Array.isArray(schema.anyOf)) {
    const results = (schema.anyOf as Schema[]).map((s) => validateJson(value, s, root, where));
    if (!results.some((r) => r.length === 0)) errors.push(`${where}: matches none of anyOf (${results.map((r) => r[0]).join(' | ')})`);
  }
  if (schema.type !== undefined) {
    const actual = typeOf(value);
    const allowed = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    const ok = allowed.includes(actual) || (actual === 'integer' && allowed.includes('number'));
    if (!ok) return [...errors, `${where}: expected ${allowed.join('|')}, got ${actual}`];
  }
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) errors.push(`${where}: ${JSON.stringify(value)} not in enum`);
  if ('const' in schema && schema.const !== value) errors.push(`${where}: expected const ${JSON.stringify(schema.const)}`);
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${where}: ${value} < minimum ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${where}: ${value} > maximum ${schema.maximum}`);
  }
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) errors.push(`${where}: shorter than ${schema.minLength}`);
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) errors.push(`${where}: longer than ${schema.maxLength}`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) errors.push(`${where}: does not match ${schema.pattern}`);
  }
  if (Array.isArray(value) && schema.items) value.forEach((item, i) => errors.push(...validateJson(item, schema.items as Schema, root, `${where}[${i}]`)));
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const name of (schema.required ?? []) as string[]) if (!(name in object)) errors.push(`${where}: missing required "${name}"`);
    for (const [name, item] of Object.entries(object)) {
      if (properties[name]) errors.push(...validateJson(item, properties[name], root, `${where}.${name}`));
      else if (schema.additionalProperties === false) errors.push(`${where}: unexpected property "${name}"`);
      else if (typeof schema.additionalProperties === 'object') errors.push(...validateJson(item, schema.additionalProperties as Schema, root, `${where}.${name}`));
    }
  }
  return errors;
}
