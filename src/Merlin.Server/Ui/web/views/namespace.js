// /ui/namespaces/{namespace}[/flows|/kv|/files]: a namespace's flows and its KV store (browse, set with a type and
// a TTL, delete). Namespace files have no API yet, so their tab says so.
import { api, enc } from '../api.js';
import { date, errorBox, h, replace, tableBox, tabs, text } from '../dom.js';
import { confirmDialog } from '../dialogs.js';

const kvTypes = ['STRING', 'NUMBER', 'BOOLEAN', 'DATETIME', 'DATE', 'DURATION', 'JSON'];

export async function render(main, { namespace, tab }, signal) {
  const base = `/ui/namespaces/${enc(namespace)}`;
  const body = h('section', { 'aria-label': { kv: 'KV store', files: 'Files' }[tab] ?? 'Flows' });
  replace(main,
    h('p', { class: 'crumbs' }, h('a', { href: '/ui/namespaces' }, 'Namespaces')),
    h('h1', {}, namespace),
    tabs('Namespace', [['flows', 'Flows', `${base}/flows`], ['kv', 'KV store', `${base}/kv`], ['files', 'Files', `${base}/files`]], tab),
    body);
  document.title = `${namespace} · Merlin`;
  if (tab === 'kv') return renderKv(body, namespace, signal);
  if (tab === 'files') {
    replace(body, h('p', { class: 'muted' }, 'Namespace files are not served by this server yet.'));
    return undefined;
  }

  const flows = await api(`/flows/search?namespace=${enc(namespace)}&size=1000`, { signal });
  replace(body, h('p', {}, h('a', { class: 'button primary', href: '/ui/flows/new' }, 'Create flow')),
    flows.results.length === 0 ? h('p', { class: 'muted' }, 'No flow in this namespace.')
      : tableBox(h('table', { class: 'list' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Flow'), h('th', { scope: 'col' }, 'Revision'), h('th', { scope: 'col' }, 'Description'))),
        h('tbody', {}, flows.results.map(f => h('tr', {},
          h('td', {}, h('a', { href: `/ui/flows/edit/${enc(f.namespace)}/${enc(f.id)}` }, f.id), f.namespace !== namespace && h('span', { class: 'muted small' }, ` (${f.namespace})`)),
          h('td', {}, f.revision), h('td', { class: 'muted' }, f.description ?? '')))))));
  return undefined;
}

async function renderKv(container, namespace, signal) {
  const list = h('div');
  const status = h('div', { role: 'status' });
  const key = h('input', { id: 'kv-key', name: 'key', required: true, pattern: '[a-zA-Z0-9][a-zA-Z0-9._\\-]*', autocomplete: 'off' });
  const type = h('select', { id: 'kv-type', name: 'type' }, kvTypes.map(t => h('option', { value: t }, t)));
  const value = h('textarea', { id: 'kv-value', name: 'value', rows: 2, spellcheck: false });
  const ttl = h('input', { id: 'kv-ttl', name: 'ttl', placeholder: 'PT1H (optional)', autocomplete: 'off' });
  const form = h('form', { class: 'kv-form', onsubmit: save },
    h('h2', {}, 'Set a value'),
    h('div', { class: 'field' }, h('label', { for: 'kv-key' }, 'Key'), key),
    h('div', { class: 'field' }, h('label', { for: 'kv-type' }, 'Type'), type),
    h('div', { class: 'field' }, h('label', { for: 'kv-value' }, 'Value'), value),
    h('div', { class: 'field' }, h('label', { for: 'kv-ttl' }, 'Time to live (ISO-8601 duration)'), ttl),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Save')));

  async function load() {
    try {
      const entries = await api(`/namespaces/${enc(namespace)}/kv`, { signal });
      const values = await Promise.all(entries.map(e => api(`/namespaces/${enc(namespace)}/kv/${enc(e.key)}`, { signal }).catch(() => null)));
      replace(list, entries.length === 0 ? h('p', { class: 'muted' }, 'No key in this namespace.') : tableBox(h('table', { class: 'list kv-entries' },
        h('thead', {}, h('tr', {}, ['Key', 'Type', 'Value', 'Updated', 'Expires', ''].map(c => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, entries.map((e, i) => h('tr', { 'data-key': e.key },
          h('td', { class: 'mono' }, e.key),
          h('td', {}, values[i]?.type ?? ''),
          h('td', {}, h('pre', {}, values[i] ? text(values[i].value) : '')),
          h('td', {}, date(e.updateDate)),
          h('td', {}, date(e.expirationDate)),
          h('td', {},
            h('button', { type: 'button', 'aria-label': `Edit ${e.key}`, onclick: () => edit(e.key, values[i]) }, 'Edit'), ' ',
            h('button', { type: 'button', class: 'danger', 'aria-label': `Delete ${e.key}`, onclick: event => remove(e.key, event.currentTarget) }, 'Delete'))))))));
    } catch (e) {
      if (!signal.aborted) replace(list, errorBox(e));
    }
  }

  function edit(name, current) {
    key.value = name;
    type.value = current?.type ?? 'STRING';
    value.value = current ? (typeof current.value === 'string' ? current.value : JSON.stringify(current.value, null, 2)) : '';
    value.focus();
  }

  async function remove(name, opener) {
    if (!await confirmDialog(`Delete key ${name}?`, 'Delete', opener)) return;
    try {
      await api(`/namespaces/${enc(namespace)}/kv/${enc(name)}`, { method: 'DELETE' });
      replace(status, `Deleted ${name}`);
    } catch (e) {
      replace(status, errorBox(e));
    }

    await load();
  }

  async function save(event) {
    event.preventDefault();
    try {
      const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
      if (ttl.value.trim()) headers.ttl = ttl.value.trim();
      await api(`/namespaces/${enc(namespace)}/kv/${enc(key.value.trim())}`, { method: 'PUT', headers, body: encode(type.value, value.value) });
      replace(status, `Saved ${key.value.trim()}`);
      await load();
    } catch (e) {
      replace(status, errorBox(e));
    }
  }

  replace(container, h('div', { class: 'split' }, h('div', {}, h('h2', {}, 'Keys'), status, list), form));
  await load();
}

/** The PUT body for a typed value: one JSON value, dates as Ion's unquoted literals. */
function encode(type, raw) {
  const value = raw.trim();
  switch (type) {
    case 'STRING': return JSON.stringify(raw);
    case 'DURATION': return JSON.stringify(value);
    case 'DATE': case 'DATETIME': return value;
    case 'NUMBER':
      if (value === '' || Number.isNaN(Number(value))) throw new Error('Not a number.');
      return value;
    case 'BOOLEAN':
      if (value !== 'true' && value !== 'false') throw new Error('Write true or false.');
      return value;
    default:
      JSON.parse(value); // throws a readable SyntaxError for bad JSON
      return value;
  }
}
