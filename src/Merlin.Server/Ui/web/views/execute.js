// The Execute dialog: a form generated from the flow's inputs, posted as multipart (files as parts named by input id).
import { api, enc, ApiError } from '../api.js';
import { h, replace } from '../dom.js';
import { navigate } from '../app.js';
import { inputField } from './inputs.js';

export function openExecuteDialog(flow, opener) {
  const inputs = flow.inputs ?? [];
  const fields = inputs.map(input => inputField(input));
  const errors = h('div', { class: 'form-errors', 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Execute');
  const form = h('form', { method: 'dialog', novalidate: true, onsubmit: send },
    h('h2', { id: 'execute-title' }, `Execute ${flow.namespace}.${flow.id}`),
    inputs.length === 0 && h('p', { class: 'muted' }, 'This flow has no inputs.'),
    fields.map(f => f.element),
    errors,
    h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel'),
      submit));
  const dialog = h('dialog', { class: 'execute', 'aria-labelledby': 'execute-title' }, form);
  dialog.addEventListener('close', () => { dialog.remove(); opener?.focus(); });
  document.body.append(dialog);
  dialog.showModal();
  (form.querySelector('input, select, textarea') ?? submit).focus();

  async function send(event) {
    event.preventDefault();
    fields.forEach(f => f.setError(null));
    replace(errors);
    const body = new FormData();
    let invalid = false;
    for (const field of fields) {
      try {
        field.append(body);
      } catch (e) {
        field.setError(e.message);
        invalid = true;
      }
    }

    if (invalid) return;
    submit.disabled = true;
    try {
      const execution = await api(`/executions/${enc(flow.namespace)}/${enc(flow.id)}`, { method: 'POST', body });
      dialog.close();
      navigate(`/ui/executions/${enc(execution.namespace)}/${enc(execution.flowId)}/${enc(execution.id)}`);
    } catch (e) {
      showError(e);
    } finally {
      submit.disabled = false;
    }
  }

  function showError(error) {
    const details = error instanceof ApiError ? error.details : [];
    let placed = false;
    for (const detail of details) {
      const field = fields.find(f => detail.path === f.id || detail.path?.endsWith(`.${f.id}`) || detail.message?.includes(`'${f.id}'`) || detail.message?.includes(`\`${f.id}\``));
      if (field) {
        field.setError(detail.message);
        placed = true;
      }
    }

    replace(errors, h('p', { class: 'error', role: 'alert' }, error.message),
      !placed && details.length > 0 && h('ul', {}, details.map(d => h('li', {}, d.message))));
  }
}
