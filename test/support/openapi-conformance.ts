import type { OpenAPIObject } from '@nestjs/swagger';

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  nullable?: boolean;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
};

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * Where a JSON value departs from a schema of the document, one line per problem. Stricter than JSON Schema on
 * purpose: a property the schema does not declare is a problem too (unless it allows additional ones), so an
 * answer that grew a field its schema lacks is caught, not only one that lost a required field.
 */
export function conformanceProblems(document: OpenAPIObject, schema: Schema, value: unknown, path = '$'): string[] {
  if (schema.$ref) return conformanceProblems(document, resolve(document, schema.$ref), value, path);
  if (value === null) return schema.nullable ? [] : [`${path}: null where the schema does not allow it`];
  if (schema.allOf) return schema.allOf.flatMap((part) => conformanceProblems(document, part, value, path));
  if (schema.oneOf) {
    const outcomes = schema.oneOf.map((choice) => conformanceProblems(document, choice, value, path));
    return outcomes.some((problems) => problems.length === 0) ? [] : [`${path}: matches none of oneOf (${outcomes.map((p) => p[0]).join(' | ')})`];
  }
  if (schema.enum && !schema.enum.includes(value)) return [`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`];
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') return [`${path}: not a string`];
      return schema.format === 'date-time' && !ISO_UTC.test(value) ? [`${path}: ${value} is not an ISO-8601 UTC time`] : [];
    case 'integer':
      return Number.isInteger(value) ? [] : [`${path}: ${JSON.stringify(value)} is not an integer`];
    case 'number':
      return typeof value === 'number' ? [] : [`${path}: not a number`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${path}: not a boolean`];
    case 'array':
      if (!Array.isArray(value)) return [`${path}: not an array`];
      return schema.items ? value.flatMap((item, index) => conformanceProblems(document, schema.items!, item, `${path}[${index}]`)) : [];
    case 'object':
    case undefined: {
      if (typeof value !== 'object' || Array.isArray(value)) return [`${path}: not an object`];
      const record = value as Record<string, unknown>;
      const properties = schema.properties ?? {};
      const problems = (schema.required ?? []).filter((name) => !(name in record)).map((name) => `${path}.${name}: required, missing`);
      for (const [name, item] of Object.entries(record)) {
        if (properties[name]) problems.push(...conformanceProblems(document, properties[name], item, `${path}.${name}`));
        else if (schema.additionalProperties === undefined || schema.additionalProperties === false) {
          if (schema.properties) problems.push(`${path}.${name}: not in the schema`);
        } else if (typeof schema.additionalProperties === 'object') {
          problems.push(...conformanceProblems(document, schema.additionalProperties, item, `${path}.${name}`));
        }
      }
      return problems;
    }
    default:
      return [`${path}: unknown schema type ${schema.type}`];
  }
}

function resolve(document: OpenAPIObject, ref: string): Schema {
  const schema = (document.components?.schemas as Record<string, Schema> | undefined)?.[ref.replace('#/components/schemas/', '')];
  if (!schema) throw new Error(`unknown schema ${ref}`);
  return schema;
}

/** The documented schema of an operation's answer with this status, or undefined when it declares none. */
export function responseSchema(document: OpenAPIObject, method: string, path: string, status: number, mediaType = 'application/json'): Schema | undefined {
  const operation = (document.paths[path] as Record<string, { responses: Record<string, { content?: Record<string, { schema?: Schema }> }> }>)?.[
    method.toLowerCase()
  ];
  if (!operation) throw new Error(`${method} ${path} is not documented`);
  return operation.responses[String(status)]?.content?.[mediaType]?.schema;
}
