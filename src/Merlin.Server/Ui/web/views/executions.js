// /ui/executions: recent executions, filtered by state, namespace and flow (the filters live in the URL).
import { api, enc } from '../api.js';
import { date, duration, errorBox, h, replace, stateBadge } from '../dom.js';

const states = ['CREATED', 'RUNNING', 'PAUSED', 'SUCCESS', 'WARNING', 'FAILED', 'KILLING', 'KILLED', 'CANCELLED', 'QUEUED', 'RETRYING', 'RESTARTED'];
const pageSize = 25;

export async function render(main, _params, signal) {
  const query = new URLSearchParams(location.search);
  const state = h('select', { id: 'filter-state', name: 'state' },
    h('option', { value: '' }, 'Any state'),
    states.map(s => h('option', { value: s, selected: query.get('state') === s }, s)));
  const namespace = h('input', { id: 'filter-namespace', name: 'namespace', type: 'search', value: query.get('namespace') ?? '' });
  const flowId = h('input', { id: 'filter-flow', name: 'flowId', type: 'search', value: query.get('flowId') ?? '' });
  const results = h('div', { 'aria-live': 'polite' });
  let page = Number(query.get('page') ?? 1);

  async function load() {
    const filters = new URLSearchParams();
    if (state.value) filters.set('state', state.value);
    if (namespace.value.trim()) filters.set('namespace', namespace.value.trim());
    if (flowId.value.trim()) filters.set('flowId', flowId.value.trim());
    if (page > 1) filters.set('page', String(page));
    history.replaceState(null, '', `/ui/executions${filters.size ? `?${filters}` : ''}`);
    filters.set('size', String(pageSize));
    try {
      const found = await api(`/executions/search?${filters}`, { signal });
      replace(results, executionTable(found.results), pager(found.total));
    } catch (e) {
      if (!signal.aborted) replace(results, errorBox(e));
    }
  }

  function pager(total) {
    const pages = Math.max(1, Math.ceil(total / pageSize));
    return h('p', { class: 'pager' }, `${total} execution${total === 1 ? '' : 's'}`,
      pages > 1 && [
        h('button', { type: 'button', disabled: page <= 1, onclick: () => { page--; load(); } }, 'Previous'),
        ` page ${page} of ${pages} `,
        h('button', { type: 'button', disabled: page >= pages, onclick: () => { page++; load(); } }, 'Next'),
      ]);
  }

  const refilter = () => { page = 1; load(); };
  state.addEventListener('change', refilter);
  replace(main,
    h('h1', {}, 'Executions'),
    h('form', { class: 'filters', role: 'search', onsubmit: e => { e.preventDefault(); refilter(); } },
      h('label', { for: 'filter-state' }, 'State'), state,
      h('label', { for: 'filter-namespace' }, 'Namespace'), namespace,
      h('label', { for: 'filter-flow' }, 'Flow'), flowId,
      h('button', { type: 'submit' }, 'Filter')),
    results);
  document.title = 'Executions · Merlin';
  await load();
}

/** A table of executions (shared with the flow page's Executions tab). */
export function executionTable(executions, { showFlow = true } = {}) {
  if (executions.length === 0) return h('p', { class: 'muted' }, 'No execution found.');
  return h('table', { class: 'list executions' },
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Id'),
      showFlow && h('th', { scope: 'col' }, 'Namespace'),
      showFlow && h('th', { scope: 'col' }, 'Flow'),
      h('th', { scope: 'col' }, 'State'),
      h('th', { scope: 'col' }, 'Started'),
      h('th', { scope: 'col' }, 'Duration'))),
    h('tbody', {}, executions.map(e => h('tr', {},
      h('td', {}, h('a', { href: `/ui/executions/${enc(e.namespace)}/${enc(e.flowId)}/${enc(e.id)}`, class: 'mono' }, e.id)),
      showFlow && h('td', {}, e.namespace),
      showFlow && h('td', {}, h('a', { href: `/ui/flows/edit/${enc(e.namespace)}/${enc(e.flowId)}` }, e.flowId)),
      h('td', {}, stateBadge(e.state)),
      h('td', {}, date(e.state?.startDate ?? e.state?.histories?.[0]?.date)),
      h('td', {}, duration(e.state))))));
}
