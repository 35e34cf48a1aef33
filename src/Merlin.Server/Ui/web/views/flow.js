// /ui/flows/edit/{namespace}/{id}[/source|/executions]: the flow's YAML, its executions, and the Execute button.
import { api, enc } from '../api.js';
import { h, replace, tabs } from '../dom.js';
import { openExecuteDialog } from './execute.js';
import { executionTable } from './executions.js';

export async function render(main, { namespace, id, tab }, signal) {
  const flow = await api(`/flows/${enc(namespace)}/${enc(id)}?source=true`, { signal });
  const base = `/ui/flows/edit/${enc(namespace)}/${enc(id)}`;
  const execute = h('button', { type: 'button', class: 'primary', id: 'execute', disabled: flow.disabled,
    onclick: () => openExecuteDialog(flow, execute) }, 'Execute');
  const body = h('section', { 'aria-label': tab === 'executions' ? 'Executions' : 'Source' });
  replace(main,
    h('div', { class: 'title' },
      h('div', {},
        h('p', { class: 'crumbs' }, h('a', { href: `/ui/flows?q=${enc(namespace)}` }, namespace)),
        h('h1', {}, flow.id, ' ', h('span', { class: 'muted small' }, `revision ${flow.revision}`))),
      execute),
    flow.description && h('p', {}, flow.description),
    tabs('Flow', [['source', 'Source', `${base}/source`], ['executions', 'Executions', `${base}/executions`]], tab),
    body);
  document.title = `${flow.id} · Merlin`;

  if (tab === 'executions') {
    const page = await api(`/executions/search?namespace=${enc(namespace)}&flowId=${enc(id)}&size=50`, { signal });
    replace(body, executionTable(page.results, { showFlow: false }));
  } else {
    replace(body, h('pre', { class: 'source', tabindex: '0', 'aria-label': 'Flow source (YAML)' }, h('code', {}, flow.source ?? '')));
  }
}
