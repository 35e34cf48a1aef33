// /ui/flows: every flow, searchable by id or namespace.
import { api, enc } from '../api.js';
import { errorBox, h, replace } from '../dom.js';

const pageSize = 50;

export async function render(main, _params, signal) {
  const query = new URLSearchParams(location.search);
  const search = h('input', { type: 'search', id: 'flow-search', name: 'q', value: query.get('q') ?? '', placeholder: 'id or namespace' });
  const results = h('div', { 'aria-live': 'polite' });
  let page = Number(query.get('page') ?? 1);
  let timer;

  async function load() {
    const q = search.value.trim();
    history.replaceState(null, '', `/ui/flows${q ? `?q=${enc(q)}` : ''}${page > 1 ? `${q ? '&' : '?'}page=${page}` : ''}`);
    try {
      const found = await api(`/flows/search?size=${pageSize}&page=${page}${q ? `&q=${enc(q)}` : ''}`, { signal });
      replace(results, table(found), pager(found.total));
    } catch (e) {
      if (!signal.aborted) replace(results, errorBox(e));
    }
  }

  function pager(total) {
    const pages = Math.max(1, Math.ceil(total / pageSize));
    return h('p', { class: 'pager' }, `${total} flow${total === 1 ? '' : 's'}`,
      pages > 1 && [
        h('button', { type: 'button', disabled: page <= 1, onclick: () => { page--; load(); } }, 'Previous'),
        ` page ${page} of ${pages} `,
        h('button', { type: 'button', disabled: page >= pages, onclick: () => { page++; load(); } }, 'Next'),
      ]);
  }

  search.addEventListener('input', () => { clearTimeout(timer); page = 1; timer = setTimeout(load, 200); });
  replace(main,
    h('h1', {}, 'Flows'),
    h('form', { class: 'filters', role: 'search', onsubmit: e => { e.preventDefault(); load(); } },
      h('label', { for: 'flow-search' }, 'Search'), search),
    results);
  document.title = 'Flows · Merlin';
  await load();
}

function table({ results }) {
  if (results.length === 0) return h('p', { class: 'muted' }, 'No flow found.');
  return h('table', { class: 'list' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Id'), h('th', { scope: 'col' }, 'Namespace'),
      h('th', { scope: 'col' }, 'Revision'), h('th', { scope: 'col' }, 'Description'))),
    h('tbody', {}, results.map(f => h('tr', {},
      h('td', {}, h('a', { href: `/ui/flows/edit/${enc(f.namespace)}/${enc(f.id)}` }, f.id), f.disabled && h('span', { class: 'tag' }, 'disabled')),
      h('td', {}, f.namespace),
      h('td', {}, f.revision),
      h('td', { class: 'muted' }, f.description ?? '')))));
}
