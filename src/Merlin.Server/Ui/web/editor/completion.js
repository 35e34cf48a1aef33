// Autocompletion of a flow's YAML from the server's JSON Schema: plugin types after `type:`, and the properties of the
// mapping under the cursor (the flow's own at the top level, the task's, trigger's or condition's by its `type`).
import { blockAt, kindOf } from './yaml-blocks.js';
import { flowSchema, pluginDefinition, pluginTypes, typeLabel } from './schema.js';

const typeValue = /^(\s*)(- +)?type:\s*([\w.]*)$/;
const keyStart = /^(\s*)(- +)?([\w$]*)$/;

export async function flowCompletions(context) {
  const line = context.state.doc.lineAt(context.pos);
  const before = line.text.slice(0, context.pos - line.from);
  const lines = context.state.doc.toString().split('\n');
  const index = line.number - 1;

  const type = typeValue.exec(before);
  if (type) {
    const schema = await flowSchema();
    const block = blockAt(lines, index, type[1].length + (type[2]?.length ?? 0));
    return {
      from: context.pos - type[3].length,
      options: pluginTypes(schema, kindOf(block.parentKey)).map(p => ({
        label: p.type, detail: p.title, info: p.description || undefined, type: 'class',
      })),
      validFor: /^[\w.]*$/,
    };
  }

  const key = keyStart.exec(before);
  if (!key || (!key[3] && !context.explicit)) return null;
  const column = key[1].length + (key[2]?.length ?? 0);
  const schema = await flowSchema();
  const block = blockAt(lines, index, column);
  const definition = column === 0 ? schema : pluginDefinition(schema, block.type) ?? plainItem(block);
  if (!definition?.properties) return null;
  const present = new Set([...block.keys.keys()].filter(k => k !== key[3]));
  const required = new Set(definition.required ?? []);
  return {
    from: context.pos - key[3].length,
    options: Object.entries(definition.properties).filter(([name]) => !present.has(name)).map(([name, property]) => ({
      label: name,
      apply: `${name}: `,
      type: 'property',
      detail: `${typeLabel(schema, property)}${required.has(name) ? ' · required' : ''}`,
      info: property.description || undefined,
      boost: required.has(name) ? 2 : name === 'type' || name === 'id' ? 1 : 0,
    })),
    validFor: /^[\w$]*$/,
  };
}

/** A task/trigger item whose `type` is not written yet: offer id and type first. */
function plainItem(block) {
  if (block.type || !['tasks', 'then', 'else', 'errors', 'finally', 'triggers', 'conditions'].includes(block.parentKey)) return undefined;
  return {
    properties: { id: { type: 'string', description: 'A unique identifier within the flow.' }, type: { type: 'string', description: 'The plugin type (press Ctrl+Space after `type:`).' } },
    required: ['id', 'type'],
  };
}
