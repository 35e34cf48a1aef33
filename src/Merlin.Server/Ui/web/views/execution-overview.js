// The execution's Overview tab: state, dates, trigger, parent and child executions (subflows, Loop iterations), labels,
// inputs, outputs, task runs.
import { enc } from '../api.js';
import { date, duration, h, keyValues, stateBadge, tableBox, text } from '../dom.js';

export function overview(execution, openOutputs, iterations = []) {
  const state = execution.state ?? {};
  const parent = execution.trigger?.variables?.executionId ?? execution.parentId;
  const children = (execution.taskRunList ?? []).filter(run => run.outputs?.executionId);
  return [
    h('dl', { class: 'facts' },
      fact('State', stateBadge(state)),
      fact('Flow revision', execution.flowRevision),
      fact('Created', date(state.histories?.[0]?.date ?? state.startDate)),
      fact('Ended', date(state.endDate)),
      fact('Duration', h('span', { class: 'live-duration' }, duration(state))),
      execution.trigger && fact('Trigger', `${execution.trigger.id ?? ''} (${String(execution.trigger.type ?? '').split('.').pop()})`),
      parent && fact('Parent', h('a', { href: `/ui/executions/${enc(execution.trigger?.variables?.namespace ?? execution.namespace)}/${enc(execution.trigger?.variables?.flowId ?? execution.flowId)}/${enc(parent)}`, class: 'mono' }, parent)),
      children.length > 0 && fact('Subflow executions', children.map(run => h('div', {},
        h('a', { href: `/ui/executions/${enc(run.outputs.namespace ?? execution.namespace)}/${enc(run.outputs.flowId ?? '-')}/${enc(run.outputs.executionId)}`, class: 'mono' }, run.outputs.executionId),
        ` (${run.taskId})`))),
      iterations.length > 0 && fact('Loop iterations', iterations.map(iteration => h('div', { class: 'loop-iteration' },
        h('a', { href: `/ui/executions/${enc(iteration.namespace)}/${enc(iteration.flowId)}/${enc(iteration.id)}`, class: 'mono' }, iteration.id),
        ' ', stateBadge(iteration.state),
        ` ${iteration.loopRun.taskId} #${iteration.loopRun.index}: ${iteration.loopRun.value ?? ''}`))),
      execution.loopRun && fact('Loop iteration', `${execution.loopRun.taskId} #${execution.loopRun.index}: ${execution.loopRun.value ?? ''}`),
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
  return tableBox(h('table', { class: 'list taskruns' },
    h('thead', {}, h('tr', {},
      ['Task', 'Value', 'State', 'Started', 'Duration', 'Attempts', 'Outputs'].map(c => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, runs.map(run => h('tr', { 'data-task-id': run.taskId },
      h('td', {}, run.parentTaskRunId ? h('span', { class: 'muted' }, '↳ ') : null, run.taskId),
      h('td', {}, run.value ?? ''),
      h('td', {}, stateBadge(run.state)),
      h('td', {}, date(run.state?.startDate ?? run.state?.histories?.[0]?.date)),
      h('td', {}, duration(run.state)),
      h('td', {}, run.attempts?.length ?? 0),
      h('td', {}, outputs(run, openOutputs)))))));
}

function outputs(run, openOutputs) {
  if (!run.outputs || Object.keys(run.outputs).length === 0) return '';
  const count = Object.keys(run.outputs).length;
  const details = h('details', { open: openOutputs.has(run.id) },
    h('summary', {}, `${count} output${count === 1 ? '' : 's'}`),
    h('pre', {}, text(run.outputs)));
  details.addEventListener('toggle', () => details.open ? openOutputs.add(run.id) : openOutputs.delete(run.id));
  return details;
}
