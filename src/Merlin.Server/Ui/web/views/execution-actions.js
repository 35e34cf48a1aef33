// The execution's actions, each with its API: kill, resume (the Pause task's onResume form), restart, replay from a
// chosen task run, set labels, delete. Rebuilt only when the state changes, so a focused button keeps its focus.
import { api, enc } from '../api.js';
import { errorBox, h, replace } from '../dom.js';
import { navigate } from '../app.js';
import { confirmDialog } from '../dialogs.js';
import { openInputsDialog } from './execute.js';

const running = new Set(['CREATED', 'RUNNING', 'PAUSED', 'QUEUED', 'RETRYING', 'RESTARTED', 'KILLING']);
const restartable = new Set(['FAILED', 'KILLED', 'WARNING', 'CANCELLED']);

/** Fills `container`; `refresh()` reloads the execution (after a change no live event reports, e.g. labels of an ended one). */
export function actionsBar(container, execution, flowAt, refresh) {
  const state = execution.state?.current;
  const key = String(state);
  if (container.dataset.key === key) {
    container.execution = execution;
    return;
  }

  container.dataset.key = key;
  container.execution = execution;
  const current = () => container.execution;
  const message = h('div', { class: 'action-message', role: 'status' });
  const run = async (work, done) => {
    replace(message);
    try {
      const result = await work();
      if (done) replace(message, done(result));
    } catch (e) {
      replace(message, errorBox(e));
    }
  };
  const go = e => navigate(`/ui/executions/${enc(e.namespace)}/${enc(e.flowId)}/${enc(e.id)}`);

  const buttons = [];
  if (running.has(state) && state !== 'KILLING') {
    buttons.push(h('button', { type: 'button', id: 'action-kill', class: 'danger', onclick: async event => {
      if (await confirmDialog(`Kill execution ${execution.id}?`, 'Kill', event.currentTarget)) run(() => api(`/executions/${enc(execution.id)}/kill`, { method: 'DELETE' }), () => 'Kill requested');
    } }, 'Kill'));
  }

  if (state === 'PAUSED') {
    buttons.push(h('button', { type: 'button', id: 'action-resume', class: 'primary', onclick: async event => {
      const opener = event.currentTarget;
      const flow = await flowAt(current());
      const paused = (current().taskRunList ?? []).find(r => r.state?.current === 'PAUSED');
      const task = findTask(flow, paused?.taskId);
      openInputsDialog({
        title: `Resume ${paused?.taskId ?? 'execution'}`, inputs: task?.onResume ?? [], empty: 'The execution goes on from the paused task.',
        submit: 'Resume', opener,
        send: body => api(`/executions/${enc(execution.id)}/resume`, { method: 'POST', body }),
      });
    } }, 'Resume'));
  }

  if (restartable.has(state)) {
    buttons.push(h('button', { type: 'button', id: 'action-restart', onclick: () => run(() => api(`/executions/${enc(execution.id)}/restart`, { method: 'POST' }), () => 'Restarted') }, 'Restart'));
  }

  if (!running.has(state)) {
    buttons.push(h('button', { type: 'button', id: 'action-replay', onclick: event => replayDialog(current(), event.currentTarget, go) }, 'Replay'));
  }

  buttons.push(h('button', { type: 'button', id: 'action-labels', onclick: event => labelsDialog(current(), event.currentTarget, message, refresh) }, 'Labels'));
  if (!running.has(state)) {
    buttons.push(h('button', { type: 'button', id: 'action-delete', class: 'danger', onclick: async event => {
      if (!await confirmDialog(`Delete execution ${execution.id}, its logs and files?`, 'Delete', event.currentTarget)) return;
      run(async () => {
        await api(`/executions/${enc(execution.id)}`, { method: 'DELETE' });
        navigate(`/ui/executions?namespace=${enc(execution.namespace)}&flowId=${enc(execution.flowId)}`);
      });
    } }, 'Delete'));
  }

  replace(container, buttons, message);
}

/** A task definition anywhere in the flow (branches included), by id. */
function findTask(flow, taskId) {
  const stack = [...(flow?.tasks ?? []), ...(flow?.errors ?? []), ...(flow?.finally ?? [])];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) { stack.push(...node); continue; }
    if (!node || typeof node !== 'object') continue;
    if (node.id === taskId && node.type) return node;
    stack.push(...Object.values(node).filter(v => v && typeof v === 'object'));
  }

  return undefined;
}

/** Replay from a chosen task run: a new execution that reuses everything before it (Kestra's replay). */
function replayDialog(execution, opener, go) {
  const select = h('select', { id: 'replay-taskrun' }, h('option', { value: '' }, 'From the start'),
    (execution.taskRunList ?? []).map(r => h('option', { value: r.id }, `${r.taskId}${r.value ? ` [${r.value}]` : ''} (${r.state?.current})`)));
  const error = h('div', { role: 'alert' });
  const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'replay-title' },
    h('form', { method: 'dialog', onsubmit: async event => {
      event.preventDefault();
      try {
        const created = await api(`/executions/${enc(execution.id)}/replay${select.value ? `?taskRunId=${enc(select.value)}` : ''}`, { method: 'POST' });
        dialog.close();
        go(created);
      } catch (e) {
        replace(error, errorBox(e));
      }
    } },
    h('h2', { id: 'replay-title' }, 'Replay'),
    h('p', {}, 'A new execution of the same flow revision: task runs before the chosen one are kept, the chosen one and what follows run again.'),
    h('div', { class: 'field' }, h('label', { for: 'replay-taskrun' }, 'Replay from'), select),
    error,
    h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel'), h('button', { type: 'submit', class: 'primary' }, 'Replay'))));
  dialog.addEventListener('close', () => { dialog.remove(); opener?.focus(); });
  document.body.append(dialog);
  dialog.showModal();
  select.focus();
}

/** Set the execution's labels (Kestra's POST /executions/{id}/labels with [{key, value}]). */
function labelsDialog(execution, opener, message, refresh) {
  const rows = h('div', { class: 'labels-editor' });
  const addRow = (key = '', value = '') => {
    const n = rows.children.length;
    const row = h('div', { class: 'label-row' },
      h('input', { 'aria-label': `Label ${n + 1} key`, class: 'label-key', value: key }),
      h('input', { 'aria-label': `Label ${n + 1} value`, class: 'label-value', value }),
      h('button', { type: 'button', 'aria-label': `Remove label ${n + 1}`, onclick: () => row.remove() }, '✕'));
    rows.append(row);
  };
  (execution.labels ?? []).filter(l => !l.key.startsWith('system.')).forEach(l => addRow(l.key, l.value));
  if (rows.children.length === 0) addRow();
  const error = h('div', { role: 'alert' });
  const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'labels-title' },
    h('form', { method: 'dialog', onsubmit: async event => {
      event.preventDefault();
      const labels = [...rows.children].map(r => ({ key: r.querySelector('.label-key').value.trim(), value: r.querySelector('.label-value').value }))
        .filter(l => l.key);
      try {
        await api(`/executions/${enc(execution.id)}/labels`, { method: 'POST', body: JSON.stringify(labels), headers: { 'Content-Type': 'application/json', Accept: 'application/json' } });
        dialog.close();
        await refresh?.();
        replace(message, 'Labels saved');
      } catch (e) {
        replace(error, errorBox(e));
      }
    } },
    h('h2', { id: 'labels-title' }, 'Labels'),
    rows,
    h('button', { type: 'button', onclick: () => addRow() }, 'Add a label'),
    error,
    h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel'), h('button', { type: 'submit', class: 'primary' }, 'Save labels'))));
  dialog.addEventListener('close', () => { dialog.remove(); opener?.focus(); });
  document.body.append(dialog);
  dialog.showModal();
  rows.querySelector('input')?.focus();
}
