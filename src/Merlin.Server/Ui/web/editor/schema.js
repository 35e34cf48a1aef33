// The flow JSON Schema the server generates from its plugin registry (/api/v1/plugins/schemas/flow), loaded once.
import { api } from '../api.js';

let loading;

export function flowSchema() {
  loading ??= api('/plugins/schemas/flow').catch(e => {
    loading = undefined;
    throw e;
  });
  return loading;
}

/** Follows $ref links to the definition they name. */
export function resolve(schema, node) {
  for (let i = 0; node?.$ref && i < 20; i++) node = schema.definitions[node.$ref.slice('#/definitions/'.length)];
  return node;
}

/** The plugin types of one kind (task, trigger, condition): [{ type, title, description, kind, flowable }]. */
export function pluginTypes(schema, kind) {
  return (schema.definitions[kind]?.anyOf ?? []).map(ref => resolve(schema, ref)).filter(Boolean).map(def => ({
    type: def.properties.type.enum[0], title: def.title, description: def.description ?? '', kind, flowable: def['x-flowable'],
  }));
}

/** The definition of a plugin type by its name or an alias (case-insensitive); undefined when unknown. */
export function pluginDefinition(schema, typeName) {
  const wanted = String(typeName ?? '').toLowerCase();
  if (!wanted) return undefined;
  return Object.values(schema.definitions).find(def => def.properties?.type?.enum?.some(t => t.toLowerCase() === wanted));
}

/** A short, readable type of a property schema: "string", "list of task", "INFO | WARN"... */
export function typeLabel(schema, property) {
  if (property.$ref) return property.$ref.slice('#/definitions/'.length).split('.').pop();
  if (property.enum) return property.enum.join(' | ');
  if (property.anyOf) return property.anyOf.map(p => typeLabel(schema, p)).join(' or ');
  if (property.type === 'array') return `list of ${typeLabel(schema, property.items ?? {})}`;
  if (property.type === 'object' && property.additionalProperties) return `map of ${typeLabel(schema, property.additionalProperties)}`;
  return property.type ?? 'any';
}
