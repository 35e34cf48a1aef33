// /ui/executions: executions, live, filtered by namespace, flow, state, labels and date range (the filters live in
// the URL); bulk kill, restart and delete of the selected ones.
import { api, enc } from '../api.js';
import { bulk, date, duration, errorBox, h, pager, replace, stateBadge, tableBox } from '../dom.js';
import { confirmDialog } from '../dialogs.js';

const states = ['CREATED', 'RUNNING', 'PAUSED', 'SUCCESS', 'WARNING', 'FAILED', 'KILLING', 'KILLED', 'CANCELLED', 'QUEUED', 'RETRYING', 'RESTARTED'];
const pageSize = 25;
const refreshMs = 2000;

export async function render(main, _params, signal) {
  const query = new URLSearchParams(location.search);
  const state = h('select', { id: 'filter-state', name: 'state' },
    h('option', { value: '' }, 'Any state'),
    states.map(s => h('option', { value: s, selected: query.get('state') === s }, s)));
  const input = (id, name, type = 'search', extra = {}) => h('input', { id, name, type, value: query.get(name) ?? '', ...extra });
  const namespace = input('filter-namespace', 'namespace');
  const flowId = input('filter-flow', 'flowId');
  const labels = input('filter-labels', 'labels', 'search', { placeholder: 'key:value, …' });
  const from = input('filter-from', 'startDate', 'datetime-local', { step: 1 });
  const to = input('filter-to', 'endDate', 'datetime-local', { step: 1 });
  const results = h('div'); // not aria-live: it refreshes every few seconds
  const status = h('p', { role: 'status', class: 'save-status' });
  const selected = new Set();
  let page = Number(query.get('page') ?? 1);
  let timer;
  let shown = [];

  function filters() {
    const f = new URLSearchParams();
    if (state.value) f.set('state', state.value);
    for (const [control, key] of [[namespace, 'namespace'], [flowId, 'flowId'], [from, 'startDate'], [to, 'endDate']]) {
      if (control.value.trim()) f.set(key, control.value.trim());
    }

    labels.value.split(',').map(l => l.trim()).filter(Boolean).forEach(l => f.append('labels', l));
    if (page > 1) f.set('page', String(page));
    return f;
  }

  async function load() {
    clearTimeout(timer);
    const f = filters();
    history.replaceState(null, '', `/ui/executions${f.size ? `?${f}` : ''}`);
    // Dates in the form are local; the API wants instants.
    for (const key of ['startDate', 'endDate']) if (f.get(key)) f.set(key, new Date(f.get(key)).toISOString());
    f.set('size', String(pageSize));
    try {
      const found = await api(`/executions/search?${f}`, { signal });
      shown = found.results;
      const focused = document.activeElement?.closest?.('#executions-results') ? document.activeElement.dataset.focusKey : null;
      replace(results, bulkBar(), tableBox(executionTable(found.results, { selected })),
        pager(found.total, page, pageSize, 'execution', p => { page = p; load(); }));
      if (focused) results.querySelector(`[data-focus-key="${CSS.escape(focused)}"]`)?.focus();
    } catch (e) {
      if (!signal.aborted) replace(results, errorBox(e));
    }

    if (!signal.aborted) timer = setTimeout(load, refreshMs);
  }

  function bulkBar() {
    const run = (label, action, confirm) => h('button', { type: 'button', class: confirm ? 'danger' : null, 'data-bulk': label.toLowerCase(), onclick: async event => {
      const chosen = shown.filter(e => selected.has(e.id));
      if (chosen.length === 0) { replace(status, 'Select executions first.'); return; }
      if (confirm && !await confirmDialog(`${label} ${chosen.length} execution${chosen.length === 1 ? '' : 's'}?`, label, event.currentTarget)) return;
      replace(status, await bulk(chosen, action, label));
      if (label === 'Delete') chosen.forEach(e => selected.delete(e.id));
      load();
    } }, label);
    return h('div', { class: 'bulk', role: 'group', 'aria-label': 'Selected executions' },
      h('span', { class: 'muted' }, h('span', { class: 'live-dot', 'aria-hidden': 'true' }), 'Live'),
      run('Kill', e => api(`/executions/${enc(e.id)}/kill`, { method: 'DELETE' }), true),
      run('Restart', e => api(`/executions/${enc(e.id)}/restart`, { method: 'POST' })),
      run('Delete', e => api(`/executions/${enc(e.id)}`, { method: 'DELETE' }), true));
  }

  const refilter = () => { page = 1; load(); };
  [state, from, to].forEach(c => c.addEventListener('change', refilter));
  signal.addEventListener('abort', () => clearTimeout(timer));
  replace(main,
    h('h1', {}, 'Executions'),
    h('form', { class: 'filters', role: 'search', onsubmit: e => { e.preventDefault(); refilter(); } },
      h('label', { for: 'filter-state' }, 'State'), state,
      h('label', { for: 'filter-namespace' }, 'Namespace'), namespace,
      h('label', { for: 'filter-flow' }, 'Flow'), flowId,
      h('label', { for: 'filter-labels' }, 'Labels'), labels,
      h('label', { for: 'filter-from' }, 'From'), from,
      h('label', { for: 'filter-to' }, 'To'), to,
      h('button', { type: 'submit' }, 'Filter')),
    status,
    h('div', { id: 'executions-results' }, results));
  document.title = 'Executions · Merlin';
  await load();
}

/** A table of executions (also the flow page's Executions tab); with `selected` (a Set of ids), rows can be chosen. */
export function executionTable(executions, { showFlow = true, selected } = {}) {
  if (executions.length === 0) return h('p', { class: 'muted' }, 'No execution found.');
  return h('table', { class: 'list executions' },
    h('thead', {}, h('tr', {},
      selected && h('th', { scope: 'col' }, h('input', { type: 'checkbox', 'aria-label': 'Select all executions', 'data-focus-key': 'all',
        onchange: e => e.target.closest('table').querySelectorAll('input.select-row').forEach(c => { c.checked = e.target.checked; c.dispatchEvent(new Event('change')); }) })),
      h('th', { scope: 'col' }, 'Id'),
      showFlow && h('th', { scope: 'col' }, 'Namespace'),
      showFlow && h('th', { scope: 'col' }, 'Flow'),
      h('th', { scope: 'col' }, 'State'),
      h('th', { scope: 'col' }, 'Labels'),
      h('th', { scope: 'col' }, 'Started'),
      h('th', { scope: 'col' }, 'Duration'))),
    h('tbody', {}, executions.map(e => h('tr', { 'data-execution': e.id },
      selected && h('td', {}, h('input', { type: 'checkbox', class: 'select-row', value: e.id, checked: selected.has(e.id), 'data-focus-key': e.id,
        'aria-label': `Select ${e.id}`, onchange: event => event.target.checked ? selected.add(e.id) : selected.delete(e.id) })),
      h('td', {}, h('a', { href: `/ui/executions/${enc(e.namespace)}/${enc(e.flowId)}/${enc(e.id)}`, class: 'mono' }, e.id)),
      showFlow && h('td', {}, e.namespace),
      showFlow && h('td', {}, h('a', { href: `/ui/flows/edit/${enc(e.namespace)}/${enc(e.flowId)}` }, e.flowId)),
      h('td', {}, stateBadge(e.state)),
      h('td', {}, (e.labels ?? []).filter(l => !l.key.startsWith('system.')).map(l => h('span', { class: 'tag' }, `${l.key}:${l.value}`))),
      h('td', {}, date(e.state?.startDate ?? e.state?.histories?.[0]?.date)),
      h('td', {}, duration(e.state))))));
}
