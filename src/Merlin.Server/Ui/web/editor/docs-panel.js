// The documentation of the task (trigger, condition) under the cursor, from the flow schema.
import { h, replace } from '../dom.js';
import { flowSchema, pluginDefinition, typeLabel } from './schema.js';
import { typedBlockAround } from './yaml-blocks.js';

export function createDocsPanel() {
  const panel = h('div', { class: 'docs-panel', 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Place the cursor in a task to see its documentation.'));
  let shown;

  async function showAt(state) {
    const lines = state.doc.toString().split('\n');
    const block = typedBlockAround(lines, state.doc.lineAt(state.selection.main.head).number - 1);
    if (block?.type === shown) return;
    shown = block?.type;
    if (!block) {
      replace(panel, h('p', { class: 'muted' }, 'Place the cursor in a task to see its documentation.'));
      return;
    }

    const schema = await flowSchema();
    const definition = pluginDefinition(schema, block.type);
    if (shown !== block.type) return;
    if (!definition) {
      replace(panel, h('p', { class: 'error' }, `Unknown type ${block.type}`));
      return;
    }

    replace(panel, documentation(schema, definition));
  }

  return { element: panel, showAt };
}

/** A plugin's documentation: name, kind, description and a table of its properties. */
export function documentation(schema, definition) {
  const required = new Set(definition.required ?? []);
  const [type, ...aliases] = definition.properties.type.enum;
  return [
    h('h3', { class: 'docs-title' }, definition.title, ' ', h('span', { class: 'tag' }, definition['x-kind'])),
    h('p', { class: 'mono small' }, type),
    aliases.length > 0 && h('p', { class: 'muted small' }, `Also accepted: ${aliases.join(', ')}`),
    definition.description && h('p', {}, definition.description),
    h('div', { class: 'scroll-x' }, h('table', { class: 'docs-properties' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Property'), h('th', { scope: 'col' }, 'Type'), h('th', { scope: 'col' }, 'Description'))),
      h('tbody', {}, Object.entries(definition.properties).filter(([name]) => name !== 'type').map(([name, property]) =>
        h('tr', { 'data-property': name },
          h('td', { class: 'mono' }, name, required.has(name) && h('span', { class: 'required', title: 'required' }, ' *')),
          h('td', { class: 'small' }, typeLabel(schema, property)),
          h('td', { class: 'small' }, property.description ?? '')))))),
  ];
}
