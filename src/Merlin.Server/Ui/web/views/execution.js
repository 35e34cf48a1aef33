// /ui/executions/{namespace}/{flowId}/{id}[/overview|/gantt|/topology|/outputs|/logs]: one execution, live, with its
// actions (kill, resume, restart, replay, labels, delete).
import { api, enc, follow } from '../api.js';
import { errorBox, h, replace, stateBadge, tabs } from '../dom.js';
import { renderTopology } from '../graph/topology.js';
import { actionsBar } from './execution-actions.js';
import { overview } from './execution-overview.js';
import { gantt } from './gantt.js';
import { renderOutputs } from './outputs.js';
import { renderLogs } from './logs.js';

const sections = [['overview', 'Overview'], ['gantt', 'Gantt'], ['topology', 'Topology'], ['outputs', 'Outputs'], ['logs', 'Logs']];

export async function render(main, { namespace, flowId, id, tab }, signal) {
  const base = `/ui/executions/${enc(namespace)}/${enc(flowId)}/${enc(id)}`;
  const header = h('div', { class: 'title' });
  const actions = h('div', { class: 'actions-bar', role: 'group', 'aria-label': 'Execution actions' });
  const body = h('section', { 'aria-label': sections.find(([key]) => key === tab)?.[1] ?? 'Overview' });
  const openOutputs = new Set();
  replace(main, header, actions, tabs('Execution', sections.map(([key, title]) => [key, title, `${base}/${key}`]), tab), body);

  let flow;
  const flowAt = async execution => {
    flow ??= await api(`/flows/${enc(execution.namespace)}/${enc(execution.flowId)}?revision=${execution.flowRevision}`, { signal });
    return flow;
  };

  let topology;
  let outputs;
  let latest;
  // Loop iterations are executions of their own: listed again whenever a loop's counts move.
  let iterations = [];
  let iterationsKey = '';
  const loadIterations = async execution => {
    const loops = (execution.taskRunList ?? []).filter(run => run.outputs?.iterationCount !== undefined);
    const key = JSON.stringify(loops.map(run => [run.state?.current, run.outputs.runningIterations, run.outputs.terminatedIterations]));
    if (loops.length === 0 || key === iterationsKey) return false;
    iterationsKey = key;
    const page = await api(`/executions/search?parentId=${enc(execution.id)}&size=1000`, { signal });
    iterations = (page.results ?? []).filter(e => e.loopRun).sort((a, b) => a.loopRun.index - b.loopRun.index);
    return true;
  };
  const show = execution => {
    latest = execution;
    replace(header,
      h('div', {},
        h('p', { class: 'crumbs' }, h('a', { href: `/ui/namespaces/${enc(execution.namespace)}` }, execution.namespace), ' / ',
          h('a', { href: `/ui/flows/edit/${enc(execution.namespace)}/${enc(execution.flowId)}` }, execution.flowId)),
        h('h1', {}, h('span', { class: 'mono' }, execution.id))),
      h('div', { class: 'status', 'aria-live': 'polite' }, h('span', { class: 'sr-only' }, 'State: '), stateBadge(execution.state)));
    document.title = `${execution.flowId} ${execution.state?.current ?? ''} · Merlin`;
    actionsBar(actions, execution, flowAt, async () => show(await api(`/executions/${enc(id)}`, { signal })));
    if (tab === 'overview') {
      replace(body, overview(execution, openOutputs, iterations));
      loadIterations(execution).then(changed => { if (changed) replace(body, overview(latest, openOutputs, iterations)); }, () => {});
    }
    else if (tab === 'gantt') replace(body, gantt(execution));
    else if (tab === 'topology') topology?.setStates(execution.taskRunList);
    else if (tab === 'outputs') outputs?.update(execution);
  };

  const execution = await api(`/executions/${enc(id)}`, { signal });
  if (tab === 'topology') {
    const box = h('div', { class: 'topology-box', id: 'execution-topology' });
    replace(body, box);
    topology = renderTopology(box, await flowAt(execution), { direction: 'LR' });
  } else if (tab === 'outputs') {
    outputs = renderOutputs(body, execution);
  } else if (tab === 'logs') {
    renderLogs(body, execution, signal);
  }

  show(execution);
  // Durations of running task runs move on between events.
  const tick = setInterval(() => { if (tab === 'gantt' && latest && !latest.state?.endDate) replace(body, gantt(latest)); }, 1000);
  signal.addEventListener('abort', () => clearInterval(tick));
  follow(`/executions/${enc(id)}/follow`, show, signal).catch(e => {
    if (!signal.aborted) main.append(errorBox(e));
  });
}
