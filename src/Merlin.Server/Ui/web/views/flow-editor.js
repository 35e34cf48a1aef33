// /ui/flows/new and /ui/flows/edit/{namespace}/{id}[/editor|/revisions|/executions]: the flow in a code editor with
// validation, autocompletion and documentation, its live topology beside it, and save, execute, copy, export, delete.
import { api, enc, ApiError } from '../api.js';
import { errorBox, h, replace, tableBox, tabs } from '../dom.js';
import { navigate } from '../app.js';
import { parse } from '../vendor/yaml.js';
import { createCodeEditor } from '../editor/code-editor.js';
import { createDocsPanel } from '../editor/docs-panel.js';
import { renderTopology } from '../graph/topology.js';
import { confirmDialog } from '../dialogs.js';
import { openExecuteDialog } from './execute.js';
import { executionTable } from './executions.js';
import { renderRevisions } from './flow-revisions.js';

const draftKey = 'merlin.draft';

export const firstFlow = `id: hello_world
namespace: company.team

inputs:
  - id: greeting
    type: STRING
    defaults: Hello from Merlin

tasks:
  - id: hello
    type: io.kestra.plugin.core.log.Log
    message: "{{ inputs.greeting }}"
`;

export async function render(main, { namespace, id, tab }, signal) {
  const isNew = id === undefined;
  const flow = isNew ? null : await api(`/flows/${enc(namespace)}/${enc(id)}?source=true`, { signal });
  const base = isNew ? '/ui/flows/new' : `/ui/flows/edit/${enc(namespace)}/${enc(id)}`;
  const body = h('section', { class: 'flow-body', 'aria-label': { revisions: 'Revisions', executions: 'Executions' }[tab] ?? 'Editor' });
  const status = h('p', { class: 'save-status', role: 'status' });
  replace(main,
    h('div', { class: 'title' },
      h('div', {},
        h('p', { class: 'crumbs' }, isNew ? 'New flow' : h('a', { href: `/ui/namespaces/${enc(namespace)}` }, namespace)),
        h('h1', {}, isNew ? 'New flow' : flow.id, ' ', !isNew && h('span', { class: 'muted small', id: 'flow-revision' }, `revision ${flow.revision}`),
          flow?.disabled && h('span', { class: 'tag' }, 'disabled'))),
      h('div', { class: 'toolbar', id: 'flow-actions' })),
    flow?.description && h('p', {}, flow.description),
    !isNew && tabs('Flow', [['editor', 'Editor', `${base}/editor`], ['revisions', 'Revisions', `${base}/revisions`], ['executions', 'Executions', `${base}/executions`]], tab),
    status,
    body);
  document.title = `${isNew ? 'New flow' : flow.id} · Merlin`;

  if (tab === 'executions') {
    main.querySelector('#flow-actions').append(executeButton(flow));
    const page = await api(`/executions/search?namespace=${enc(namespace)}&flowId=${enc(id)}&size=50`, { signal });
    replace(body, tableBox(executionTable(page.results, { showFlow: false })));
    return;
  }

  if (tab === 'revisions') {
    main.querySelector('#flow-actions').append(executeButton(flow));
    await renderRevisions(body, flow, signal);
    return;
  }

  renderEditor(main, body, status, flow, signal);
}

function executeButton(flow) {
  const button = h('button', { type: 'button', class: 'primary', id: 'execute', disabled: flow.disabled, onclick: () => openExecuteDialog(flow, button) }, 'Execute');
  return button;
}

function renderEditor(main, body, status, flow, signal) {
  const isNew = flow === null;
  let saved = isNew ? '' : flow.source ?? '';
  const draft = isNew ? sessionStorage.getItem(draftKey) : null;
  if (draft) sessionStorage.removeItem(draftKey);

  const problems = h('div', { class: 'validation', id: 'validation', 'aria-live': 'polite' });
  const topology = h('div', { class: 'topology-box', id: 'editor-topology' });
  const docs = createDocsPanel();
  const sideTabs = sidePanel([['topology', 'Topology', topology], ['docs', 'Documentation', docs.element]]);
  const editorBox = h('div', { class: 'code-box' });
  const save = h('button', { type: 'button', class: 'primary', id: 'save', onclick: () => saveFlow() }, 'Save');
  const execute = isNew ? null : h('button', { type: 'button', id: 'execute', disabled: flow.disabled, onclick: () => openExecuteDialog(flow, execute) }, 'Execute');
  const more = isNew ? [] : [
    h('button', { type: 'button', id: 'copy', onclick: copyFlow }, 'Copy'),
    h('button', { type: 'button', id: 'export', onclick: exportFlow }, 'Export'),
    h('button', { type: 'button', id: 'delete', class: 'danger', onclick: deleteFlow }, 'Delete'),
  ];
  main.querySelector('#flow-actions').append(save, execute ?? '', ...more);
  replace(body, h('div', { class: 'workspace' },
    h('div', { class: 'editor-pane' }, editorBox, problems,
      h('p', { class: 'muted small hint' }, 'Ctrl+Space completes, Ctrl+S saves, Ctrl+F searches; Esc then Tab leaves the editor.')),
    sideTabs));

  let timer;
  const editor = createCodeEditor(editorBox, {
    doc: draft ?? (isNew ? firstFlow : saved),
    onChange: source => {
      markDirty(source);
      clearTimeout(timer);
      timer = setTimeout(() => drawTopology(source), 250);
    },
    onCursor: state => docs.showAt(state),
    onValidated: showProblems,
    onSave: () => saveFlow(),
  });
  drawTopology(editor.source());
  docs.showAt(editor.view.state);
  markDirty(editor.source());
  signal.addEventListener('abort', () => { clearTimeout(timer); editor.view.destroy(); });
  editor.view.focus();

  function markDirty(source) {
    const dirty = source !== saved;
    save.textContent = dirty ? 'Save' : 'Saved';
    save.toggleAttribute('data-dirty', dirty);
    if (execute) {
      execute.disabled = flow.disabled || dirty;
      execute.title = dirty ? 'Save the flow to execute this version' : '';
    }
  }

  function drawTopology(source) {
    try {
      const parsed = parse(source);
      renderTopology(topology, parsed ?? {}, { direction: 'TB', onSelect: taskId => revealTask(editor.view, taskId) });
      topology.removeAttribute('data-stale');
    } catch {
      topology.setAttribute('data-stale', ''); // keep the last good drawing while the YAML does not parse
    }
  }

  function showProblems(violations) {
    if (violations.length === 0) {
      replace(problems, h('p', { class: 'valid' }, '✓ Valid flow'));
      return;
    }

    replace(problems, h('ul', { class: 'problems' }, violations.map(v => h('li', { class: 'error-line' },
      v.line ? h('button', { type: 'button', class: 'link', onclick: () => goTo(editor.view, v.line, v.column) }, `Line ${v.line}, column ${v.column}`) : null,
      v.line ? ': ' : '', v.message))));
  }

  async function saveFlow() {
    const source = editor.source();
    save.disabled = true;
    replace(status);
    try {
      const result = isNew
        ? await api('/flows', { method: 'POST', body: source, headers: { 'Content-Type': 'application/x-yaml', Accept: 'application/json' } })
        : await api(`/flows/${enc(flow.namespace)}/${enc(flow.id)}`, { method: 'PUT', body: source, headers: { 'Content-Type': 'application/x-yaml', Accept: 'application/json' } });
      saved = source;
      if (isNew || result.revision !== flow.revision) {
        sessionStorage.setItem('merlin.flash', `Saved revision ${result.revision}`);
        navigate(`/ui/flows/edit/${enc(result.namespace)}/${enc(result.id)}`, { replace: true });
        return;
      }

      replace(status, `Saved (no change, still revision ${result.revision})`);
      markDirty(source);
    } catch (e) {
      replace(status, errorBox(e instanceof ApiError && e.details.length ? `${e.message}` : e));
    } finally {
      save.disabled = false;
    }
  }

  function copyFlow() {
    sessionStorage.setItem(draftKey, editor.source().replace(/^id:\s*(\S+)/m, (_, id) => `id: ${id}_copy`));
    navigate('/ui/flows/new');
  }

  function exportFlow() {
    const url = URL.createObjectURL(new Blob([editor.source()], { type: 'application/x-yaml' }));
    const link = h('a', { href: url, download: `${flow.namespace}.${flow.id}.yml` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  async function deleteFlow(event) {
    if (!await confirmDialog(`Delete flow ${flow.namespace}.${flow.id}? Its revisions are kept; its triggers stop.`, 'Delete', event.currentTarget)) return;
    try {
      await api(`/flows/${enc(flow.namespace)}/${enc(flow.id)}`, { method: 'DELETE' });
      sessionStorage.setItem('merlin.flash', `Deleted ${flow.namespace}.${flow.id}`);
      navigate('/ui/flows');
    } catch (e) {
      replace(status, errorBox(e));
    }
  }

  const flash = sessionStorage.getItem('merlin.flash');
  if (flash) {
    sessionStorage.removeItem('merlin.flash');
    replace(status, flash);
  }
}

/** Side panel with its own tabs (buttons; arrow keys move between them). panes: [key, title, element]. */
function sidePanel(panes) {
  const buttons = panes.map(([key, title, element], i) => {
    element.id ||= `pane-${key}`;
    element.setAttribute('role', 'tabpanel');
    element.setAttribute('aria-labelledby', `side-${key}`);
    return h('button', { type: 'button', role: 'tab', id: `side-${key}`, 'data-key': key, 'aria-controls': element.id,
      onclick: () => select(key),
      onkeydown: event => {
        const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
        if (!step) return;
        const next = buttons[(i + step + buttons.length) % buttons.length];
        select(next.dataset.key);
        next.focus();
      } }, title);
  });
  function select(key) {
    buttons.forEach(b => { const on = b.dataset.key === key; b.setAttribute('aria-selected', String(on)); b.tabIndex = on ? 0 : -1; });
    panes.forEach(([k, , element]) => { element.hidden = k !== key; });
  }

  select(panes[0][0]);
  return h('div', { class: 'side-pane' }, h('div', { role: 'tablist', class: 'side-tabs', 'aria-label': 'Side panel' }, buttons),
    panes.map(([, , element]) => element));
}

function goTo(view, line, column) {
  const target = view.state.doc.line(Math.min(line, view.state.doc.lines));
  view.dispatch({ selection: { anchor: Math.min(target.from + column - 1, target.to) }, scrollIntoView: true });
  view.focus();
}

function revealTask(view, taskId) {
  const doc = view.state.doc;
  for (let i = 1; i <= doc.lines; i++) {
    const line = doc.line(i);
    const at = line.text.search(new RegExp(`(^|\\s|-\\s)id:\\s*["']?${taskId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*$`));
    if (at >= 0) {
      view.dispatch({ selection: { anchor: line.from + line.text.indexOf(taskId) }, scrollIntoView: true });
      view.focus();
      return;
    }
  }
}
