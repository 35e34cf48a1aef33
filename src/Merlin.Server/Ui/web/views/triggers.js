// /ui/triggers: every trigger of every flow with its state (next date, last execution, lock); enable, disable, unlock.
import { api, enc } from '../api.js';
import { date, errorBox, h, replace, tableBox } from '../dom.js';

export async function render(main, _params, signal) {
  const query = new URLSearchParams(location.search);
  const namespace = h('input', { id: 'trigger-namespace', type: 'search', name: 'namespace', value: query.get('namespace') ?? '' });
  const results = h('div');
  const status = h('p', { role: 'status', class: 'save-status' });

  async function load() {
    const ns = namespace.value.trim();
    history.replaceState(null, '', `/ui/triggers${ns ? `?namespace=${enc(ns)}` : ''}`);
    try {
      const found = await api(`/triggers/search?size=500${ns ? `&namespace=${enc(ns)}` : ''}`, { signal });
      replace(results, table(found.results ?? []));
    } catch (e) {
      if (!signal.aborted) replace(results, errorBox(e));
    }
  }

  async function act(label, work) {
    try {
      await work();
      replace(status, label);
    } catch (e) {
      replace(status, errorBox(e));
    }

    await load();
  }

  function table(rows) {
    if (rows.length === 0) return h('p', { class: 'muted' }, 'No trigger found. Triggers are declared in flows (Schedule, Flow, Webhook).');
    return tableBox(h('table', { class: 'list triggers' },
      h('thead', {}, h('tr', {}, ['Trigger', 'Flow', 'Type', 'Next date', 'Last date', 'Running execution', 'Enabled', ''].map(c => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows.map(({ abstractTrigger: t, triggerContext: c }) => {
        const name = `${c.namespace}.${c.flowId}.${c.triggerId}`;
        const disabled = c.disabled || t.disabled;
        return h('tr', { 'data-trigger': name },
          h('td', { class: 'mono' }, c.triggerId),
          h('td', {}, h('a', { href: `/ui/flows/edit/${enc(c.namespace)}/${enc(c.flowId)}` }, `${c.namespace}.${c.flowId}`)),
          h('td', {}, String(t.type ?? '').split('.').pop()),
          h('td', {}, date(c.nextExecutionDate)),
          h('td', {}, date(c.date)),
          h('td', {}, c.executionId ? h('a', { class: 'mono', href: `/ui/executions/${enc(c.namespace)}/${enc(c.flowId)}/${enc(c.executionId)}` }, c.executionId) : ''),
          h('td', {}, h('input', { type: 'checkbox', role: 'switch', checked: !disabled, 'aria-label': `Enable ${name}`,
            onchange: e => act(`${e.target.checked ? 'Enabled' : 'Disabled'} ${name}`, () => api('/triggers', {
              method: 'PUT', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
              body: JSON.stringify({ namespace: c.namespace, flowId: c.flowId, triggerId: c.triggerId, disabled: !e.target.checked }),
            })) })),
          h('td', {}, c.executionId && h('button', { type: 'button', onclick: () => act(`Unlocked ${name}`,
            () => api(`/triggers/${enc(c.namespace)}/${enc(c.flowId)}/${enc(c.triggerId)}/unlock`, { method: 'POST' })) }, 'Unlock')));
      }))));
  }

  replace(main, h('h1', {}, 'Triggers'),
    h('form', { class: 'filters', role: 'search', onsubmit: e => { e.preventDefault(); load(); } },
      h('label', { for: 'trigger-namespace' }, 'Namespace'), namespace, h('button', { type: 'submit' }, 'Filter')),
    status, results);
  document.title = 'Triggers · Merlin';
  await load();
}
