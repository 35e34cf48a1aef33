// /ui/executions/{namespace}/{flowId}/{id}[/overview|/logs]: state, inputs, outputs and task runs, live.
import { api, enc, follow } from '../api.js';
import { date, duration, errorBox, h, keyValues, replace, stateBadge, tabs, text } from '../dom.js';
import { renderLogs } from './logs.js';

export async function render(main, { namespace, flowId, id, tab }, signal) {
  const base = `/ui/executions/${enc(namespace)}/${enc(flowId)}/${enc(id)}`;
  const header = h('div', { class: 'title' });
  const body = h('section', { 'aria-label': tab === 'logs' ? 'Logs' : 'Overview' });
  const openOutputs = new Set();
  replace(main, header,
    tabs('Execution', [['overview', 'Overview', `${base}/overview`], ['logs', 'Logs', `${base}/logs`]], tab),
    body);

  const show = execution => {
    replace(header,
      h('div', {},
        h('p', { class: 'crumbs' }, execution.namespace, ' / ',
          h('a', { href: `/ui/flows/edit/${enc(execution.namespace)}/${enc(execution.flowId)}` }, execution.flowId)),
        h('h1', {}, h('span', { class: 'mono' }, execution.id))),
      h('div', { class: 'status', 'aria-live': 'polite' }, h('span', { class: 'sr-only' }, 'State: '), stateBadge(execution.state)));
    document.title = `${execution.flowId} ${execution.state?.current ?? ''} · Merlin`;
    if (tab !== 'logs') replace(body, overview(execution, openOutputs));
  };

  show(await api(`/executions/${enc(id)}`, { signal }));
  if (tab === 'logs') renderLogs(body, id, signal);
  follow(`/executions/${enc(id)}/follow`, show, signal).catch(e => {
    if (!signal.aborted) main.append(errorBox(e));
  });
}

function overview(execution, openOutputs) {
  const state = execution.state ?? {};
  return [
    h('dl', { class: 'facts' },
      fact('State', stateBadge(state)),
      fact('Flow revision', execution.flowRevision),
      fact('Created', date(state.histories?.[0]?.date ?? state.startDate)),
      fact('Ended', date(state.endDate)),
      fact('Duration', duration(state)),
      execution.labels?.length > 0 && fact('Labels', execution.labels.map(l => h('span', { class: 'tag' }, `${l.key}:${l.value}`)))),
    h('h2', {}, 'Task runs'),
    taskRuns(execution.taskRunList ?? [], openOutputs),
    h('h2', {}, 'Inputs'),
    keyValues(execution.inputs, 'No inputs.'),
    h('h2', {}, 'Outputs'),
    keyValues(execution.outputs, 'No outputs.'),
  ];
}

function fact(term, ...value) {
  return [h('dt', {}, term), h('dd', {}, ...value)];
}

function taskRuns(runs, openOutputs) {
  if (runs.length === 0) return h('p', { class: 'muted' }, 'No task run yet.');
  return h('table', { class: 'list taskruns' },
    h('thead', {}, h('tr', {},
      ['Task', 'Value', 'State', 'Started', 'Duration', 'Attempts', 'Outputs'].map(c => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, runs.map(run => h('tr', { 'data-task-id': run.taskId },
      h('td', {}, run.parentTaskRunId ? h('span', { class: 'muted' }, '↳ ') : null, run.taskId),
      h('td', {}, run.value ?? ''),
      h('td', {}, stateBadge(run.state)),
      h('td', {}, date(run.state?.startDate ?? run.state?.histories?.[0]?.date)),
      h('td', {}, duration(run.state)),
      h('td', {}, run.attempts?.length ?? 0),
      h('td', {}, outputs(run, openOutputs))))));
}

function outputs(run, openOutputs) {
  if (!run.outputs || Object.keys(run.outputs).length === 0) return '';
  const details = h('details', { open: openOutputs.has(run.id) },
    h('summary', {}, `${Object.keys(run.outputs).length} output${Object.keys(run.outputs).length === 1 ? '' : 's'}`),
    h('pre', {}, text(run.outputs)));
  details.addEventListener('toggle', () => details.open ? openOutputs.add(run.id) : openOutputs.delete(run.id));
  return details;
}
