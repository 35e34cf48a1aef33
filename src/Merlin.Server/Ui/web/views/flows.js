// /ui/flows: every flow, searchable, with its labels, triggers and last execution; bulk enable, disable and delete.
// An empty server offers to create a first flow.
import { api, enc } from '../api.js';
import { bulk, errorBox, h, labelList, pager, replace, stateBadge, tableBox } from '../dom.js';
import { confirmDialog } from '../dialogs.js';

const pageSize = 50;

export async function render(main, _params, signal) {
  const query = new URLSearchParams(location.search);
  const search = h('input', { type: 'search', id: 'flow-search', name: 'q', value: query.get('q') ?? '', placeholder: 'id or namespace' });
  const results = h('div', { 'aria-live': 'polite' });
  const status = h('p', { role: 'status', class: 'save-status' });
  let page = Number(query.get('page') ?? 1);
  let timer;
  let shown = [];

  async function load() {
    const q = search.value.trim();
    history.replaceState(null, '', `/ui/flows${q ? `?q=${enc(q)}` : ''}${page > 1 ? `${q ? '&' : '?'}page=${page}` : ''}`);
    try {
      const found = await api(`/flows/search?size=${pageSize}&page=${page}${q ? `&q=${enc(q)}` : ''}`, { signal });
      shown = found.results;
      if (found.total === 0 && !q) {
        replace(results, firstRun());
        return;
      }

      replace(results, bulkBar(), tableBox(table(found)), pager(found.total, page, pageSize, 'flow', p => { page = p; load(); }));
      lastRuns(results, found.results, signal);
    } catch (e) {
      if (!signal.aborted) replace(results, errorBox(e));
    }
  }

  function selected() {
    const ids = new Set([...results.querySelectorAll('input.select-row:checked')].map(c => c.value));
    return shown.filter(f => ids.has(`${f.namespace}/${f.id}`));
  }

  function bulkBar() {
    const run = (label, action, danger) => h('button', { type: 'button', class: danger ? 'danger' : null, 'data-bulk': label.toLowerCase(), onclick: async event => {
      const flows = selected();
      if (flows.length === 0) { replace(status, 'Select flows first.'); return; }
      if (danger && !await confirmDialog(`${label} ${flows.length} flow${flows.length === 1 ? '' : 's'}?`, label, event.currentTarget)) return;
      const report = await bulk(flows, action, label);
      await load();
      replace(status, report);
    } }, label);
    return h('div', { class: 'bulk', role: 'group', 'aria-label': 'Selected flows' },
      run('Enable', f => setDisabled(f, false)), run('Disable', f => setDisabled(f, true)),
      run('Delete', f => api(`/flows/${enc(f.namespace)}/${enc(f.id)}`, { method: 'DELETE' }), true));
  }

  search.addEventListener('input', () => { clearTimeout(timer); page = 1; timer = setTimeout(load, 200); });
  replace(main,
    h('div', { class: 'title' }, h('h1', {}, 'Flows'), h('a', { href: '/ui/flows/new', class: 'button primary', id: 'create-flow' }, 'Create flow')),
    h('form', { class: 'filters', role: 'search', onsubmit: e => { e.preventDefault(); load(); } },
      h('label', { for: 'flow-search' }, 'Search'), search),
    status,
    results);
  document.title = 'Flows · Merlin';
  const flash = sessionStorage.getItem('merlin.flash');
  if (flash) { sessionStorage.removeItem('merlin.flash'); replace(status, flash); }
  await load();
}

function firstRun() {
  return h('section', { class: 'first-run', 'aria-labelledby': 'first-run-title' },
    h('h2', { id: 'first-run-title' }, 'No flow yet'),
    h('p', {}, 'A flow is a YAML file: an id, a namespace, inputs and a list of tasks. Start from a ready example with one input and one task, then save it and press Execute.'),
    h('a', { href: '/ui/flows/new', class: 'button primary', id: 'first-flow' }, 'Create your first flow'));
}

function table({ results }) {
  return h('table', { class: 'list flows' },
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, h('input', { type: 'checkbox', 'aria-label': 'Select all flows', onchange: e => e.target.closest('table').querySelectorAll('input.select-row').forEach(c => { c.checked = e.target.checked; }) })),
      ['Id', 'Namespace', 'Labels', 'Triggers', 'Last execution', 'Revision'].map(c => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, results.map(f => h('tr', { 'data-flow': `${f.namespace}/${f.id}` },
      h('td', {}, h('input', { type: 'checkbox', class: 'select-row', value: `${f.namespace}/${f.id}`, 'aria-label': `Select ${f.namespace}.${f.id}` })),
      h('td', {}, h('a', { href: `/ui/flows/edit/${enc(f.namespace)}/${enc(f.id)}` }, f.id), f.disabled && h('span', { class: 'tag' }, 'disabled'),
        f.description && h('div', { class: 'muted small' }, f.description)),
      h('td', {}, h('a', { href: `/ui/namespaces/${enc(f.namespace)}` }, f.namespace)),
      h('td', {}, labelList(f.labels).map(l => h('span', { class: 'tag' }, `${l.key}:${l.value}`))),
      h('td', { class: 'small' }, (f.triggers ?? []).map(t => h('div', {}, t.id, ' ', h('span', { class: 'muted' }, String(t.type).split('.').pop())))),
      h('td', { class: 'last-run' }),
      h('td', {}, f.revision)))));
}

/** Fills the Last execution column, one small query per flow shown. */
async function lastRuns(container, flows, signal) {
  await Promise.all(flows.map(async f => {
    try {
      const found = await api(`/executions/search?namespace=${enc(f.namespace)}&flowId=${enc(f.id)}&size=1`, { signal });
      const last = found.results[0];
      const cell = container.querySelector(`tr[data-flow="${CSS.escape(`${f.namespace}/${f.id}`)}"] .last-run`);
      if (cell && last) replace(cell, h('a', { href: `/ui/executions/${enc(last.namespace)}/${enc(last.flowId)}/${enc(last.id)}`, 'aria-label': `Last execution ${last.state?.current}` }, stateBadge(last.state)));
    } catch { /* the column stays empty */ }
  }));
}

/** Enables or disables a flow by its source's top-level `disabled` key (a new revision, as in Kestra). */
async function setDisabled(flow, disabled) {
  const full = await api(`/flows/${enc(flow.namespace)}/${enc(flow.id)}?source=true`);
  const source = full.source ?? '';
  const without = source.replace(/^disabled:.*(\r?\n|$)/m, '');
  const next = disabled ? `${without.replace(/\s*$/, '')}\ndisabled: true\n` : without;
  if (next === source) return;
  await api(`/flows/${enc(flow.namespace)}/${enc(flow.id)}`, { method: 'PUT', body: next, headers: { 'Content-Type': 'application/x-yaml', Accept: 'application/json' } });
}
