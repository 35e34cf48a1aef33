// Forms of inputs in a dialog: the Execute form of a flow, and the Pause task's onResume form. Fields are generated
// from the input definitions; the form posts multipart (files as parts named by input id). The buttons stay visible
// while the fields scroll; every error the server reports is shown beside its field.
import { api, enc, ApiError } from '../api.js';
import { h, replace } from '../dom.js';
import { navigate } from '../app.js';
import { inputField } from './inputs.js';

export function openExecuteDialog(flow, opener) {
  return openInputsDialog({
    title: `Execute ${flow.namespace}.${flow.id}`,
    inputs: flow.inputs ?? [],
    empty: 'This flow has no inputs.',
    submit: 'Execute',
    opener,
    send: async body => {
      const execution = await api(`/executions/${enc(flow.namespace)}/${enc(flow.id)}`, { method: 'POST', body });
      navigate(`/ui/executions/${enc(execution.namespace)}/${enc(execution.flowId)}/${enc(execution.id)}`);
    },
  });
}

/** A modal form of inputs; `send(formData)` posts it (a thrown ApiError is shown, field by field). */
export function openInputsDialog({ title, inputs, empty, submit: submitLabel, opener, send }) {
  const fields = inputs.map(input => inputField(input));
  const errors = h('div', { class: 'form-errors', 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit', class: 'primary' }, submitLabel);
  const form = h('form', { method: 'dialog', novalidate: true, onsubmit: sendForm },
    h('div', { class: 'form-fields' },
      h('h2', { id: 'inputs-dialog-title' }, title),
      inputs.length === 0 && h('p', { class: 'muted' }, empty),
      fields.map(f => f.element)),
    errors,
    h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel'),
      submit));
  const dialog = h('dialog', { class: 'execute', 'aria-labelledby': 'inputs-dialog-title' }, form);
  dialog.addEventListener('close', () => { dialog.remove(); opener?.focus(); });
  document.body.append(dialog);
  dialog.showModal();
  (form.querySelector('input, select, textarea') ?? submit).focus();

  async function sendForm(event) {
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
      await send(body);
      dialog.close();
    } catch (e) {
      showError(e);
    } finally {
      submit.disabled = false;
    }
  }

  function showError(error) {
    const details = error instanceof ApiError ? error.details : [];
    const unplaced = [];
    for (const detail of details) {
      const field = fields.find(f => detail.path === f.id || detail.path?.endsWith(`.${f.id}`) || detail.message?.includes(`'${f.id}'`) || detail.message?.includes(`\`${f.id}\``));
      if (field) field.addError(detail.message);
      else unplaced.push(detail);
    }

    // The message often names an input too (a single error without details).
    if (details.length === 0) fields.filter(f => error.message?.includes(`'${f.id}'`) || error.message?.includes(`\`${f.id}\``)).forEach(f => f.addError(error.message));
    replace(errors, h('p', { class: 'error', role: 'alert' }, error.message),
      unplaced.length > 0 && h('ul', {}, unplaced.map(d => h('li', {}, d.message))));
  }
}
