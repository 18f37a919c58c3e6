export type JsonObject = { [key: string]: unknown };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The first forbidden key (prototype-pollution vectors) found at any depth, as a dotted path. Recursion is
 * safe here: request bodies nest at most 32 levels (the JSON body parser refuses deeper ones unparsed).
 */
export function findForbiddenKey(value: unknown, path = ''): string | undefined {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findForbiddenKey(item, path ? `${path}.${index}` : String(index));
      if (found) return found;
    }
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      const keyPath = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) return keyPath;
      const found = findForbiddenKey(item, keyPath);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Merge-patch: nested objects merge key by key, `null` deletes a key, anything else replaces.
 * Builds new objects (never mutates `target`) with null prototypes avoided by construction. The result
 * nests no deeper than the deeper input, and both come from bodies within the 32-level limit.
 */
export function deepMerge(target: JsonObject, patch: JsonObject): JsonObject {
  const result: JsonObject = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    if (value === null) {
      delete result[key];
    } else if (isPlainObject(value) && isPlainObject(result[key])) {
      result[key] = deepMerge(result[key], value);
    } else if (isPlainObject(value)) {
      result[key] = deepMerge({}, value);
    } else if (value !== undefined) {
      result[key] = value;
    }
  }
  return result;
}
