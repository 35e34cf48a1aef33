// The Outputs tab: every task run's outputs and the execution's as a tree; kestra:/// files previewed and downloadable;
// a box to evaluate a template against the execution's context (POST /executions/{id}/eval/{taskRunId}).
import { api, enc } from '../api.js';
import { errorBox, h, replace } from '../dom.js';

const previewBytes = 64 * 1024;

export function renderOutputs(container, execution) {
  const tree = h('div', { class: 'outputs-tree' });
  const preview = h('div', { class: 'preview', 'aria-live': 'polite' });
  const runSelect = h('select', { id: 'eval-taskrun', name: 'taskRunId' });
  const template = h('textarea', { id: 'eval-template', rows: 3, spellcheck: false, placeholder: '{{ outputs.task_id.value }}' });
  const result = h('div', { class: 'eval-result', 'aria-live': 'polite' });
  const form = h('form', { class: 'eval-box', onsubmit: evaluate },
    h('h2', {}, 'Evaluate a template'),
    h('div', { class: 'filters' }, h('label', { for: 'eval-taskrun' }, 'Context of task run'), runSelect),
    h('label', { for: 'eval-template', class: 'sr-only' }, 'Template'), template,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Evaluate')),
    result);
  replace(container, h('div', { class: 'split' }, h('div', {}, h('h2', {}, 'Outputs'), tree, preview), form));

  let shownKey = '';
  const update = current => {
    const key = JSON.stringify([current.outputs, (current.taskRunList ?? []).map(r => [r.id, r.outputs])]);
    if (key === shownKey) return;
    shownKey = key;
    const runs = current.taskRunList ?? [];
    replace(tree, h('ul', { class: 'tree', role: 'tree', 'aria-label': 'Outputs' },
      runs.filter(r => r.outputs && Object.keys(r.outputs).length > 0).map(run =>
        h('li', { role: 'treeitem', 'data-task-id': run.taskId }, branch(`${run.taskId}${run.value ? ` [${run.value}]` : ''}`, run.outputs, current, preview, true))),
      current.outputs && Object.keys(current.outputs).length > 0 && h('li', { role: 'treeitem' }, branch('Flow outputs', current.outputs, current, preview, true))));
    if (tree.querySelectorAll('li').length === 0) replace(tree, h('p', { class: 'muted' }, 'No outputs yet.'));
    const chosen = runSelect.value;
    replace(runSelect, runs.map((r, i) => h('option', { value: r.id, selected: chosen ? r.id === chosen : i === runs.length - 1 }, `${r.taskId}${r.value ? ` [${r.value}]` : ''}`)));
  };

  async function evaluate(event) {
    event.preventDefault();
    if (!runSelect.value) { replace(result, errorBox('No task run to evaluate against yet.')); return; }
    try {
      const answer = await api(`/executions/${enc(execution.id)}/eval/${enc(runSelect.value)}`, { method: 'POST', body: template.value, headers: { 'Content-Type': 'text/plain', Accept: 'application/json' } });
      replace(result, answer.error ? h('p', { class: 'error', role: 'alert' }, answer.error) : h('pre', { class: 'eval-output' }, answer.result));
    } catch (e) {
      replace(result, errorBox(e));
    }
  }

  update(execution);
  return { update };
}

/** A node of the tree: objects and lists open into children; strings, numbers and files are leaves. */
function branch(label, value, execution, preview, open = false) {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
    return h('details', { open },
      h('summary', {}, h('span', { class: 'key' }, label), ' ', h('span', { class: 'muted small' }, Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`)),
      h('ul', { role: 'group' }, entries.map(([k, v]) => h('li', { role: 'treeitem' }, branch(k, v, execution, preview)))));
  }

  const leaf = [h('span', { class: 'key' }, label), ': '];
  if (typeof value === 'string' && value.startsWith('kestra:///')) {
    const url = `/api/v1/executions/${enc(execution.id)}/file?path=${enc(value)}`;
    return h('span', {}, leaf, h('span', { class: 'value' }, value), ' ',
      h('a', { href: url, download: value.split('/').pop(), class: 'button small' }, 'Download'), ' ',
      h('button', { type: 'button', class: 'small', onclick: () => showPreview(url, value, preview) }, 'Preview'));
  }

  return h('span', {}, leaf, h('span', { class: 'value' }, value === null ? 'null' : String(value)));
}

async function showPreview(url, path, preview) {
  try {
    const response = await fetch(url, { headers: { Range: `bytes=0-${previewBytes - 1}` } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer()).slice(0, previewBytes);
    const content = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    replace(preview, h('h3', {}, `Preview of ${path.split('/').pop()}`),
      h('pre', { class: 'file-preview', tabindex: 0, 'aria-label': `Content of ${path}` }, content),
      bytes.length >= previewBytes && h('p', { class: 'muted small' }, `First ${previewBytes / 1024} KiB shown; download for the rest.`));
  } catch (e) {
    replace(preview, errorBox(e));
  }
}
