// /ui/namespaces: the namespaces that hold flows, each with its number of flows.
import { api, enc } from '../api.js';
import { h, replace, tableBox } from '../dom.js';

export async function render(main, _params, signal) {
  const found = await api('/flows/search?size=1000', { signal });
  const counts = new Map();
  for (const flow of found.results) counts.set(flow.namespace, (counts.get(flow.namespace) ?? 0) + 1);
  const open = h('input', { id: 'namespace-open', name: 'namespace', placeholder: 'company.team', required: true });
  replace(main, h('h1', {}, 'Namespaces'),
    h('form', { class: 'filters', onsubmit: e => { e.preventDefault(); if (open.value.trim()) location.assign(`/ui/namespaces/${enc(open.value.trim())}`); } },
      h('label', { for: 'namespace-open' }, 'Open a namespace'), open, h('button', { type: 'submit' }, 'Open')),
    counts.size === 0 ? h('p', { class: 'muted' }, 'No namespace yet: a namespace appears with its first flow.')
      : tableBox(h('table', { class: 'list namespaces' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Namespace'), h('th', { scope: 'col' }, 'Flows'))),
        h('tbody', {}, [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([ns, n]) =>
          h('tr', {}, h('td', {}, h('a', { href: `/ui/namespaces/${enc(ns)}` }, ns)), h('td', {}, n)))))));
  document.title = 'Namespaces · Merlin';
}
