// Draws a flow graph as SVG laid out by dagre: one <g> per task with its id as text (readable by assistive
// technology and by tests), arrows between them; setStates() colours nodes by task run state.
import dagre from '../vendor/dagre.js';
import { flowGraph } from './flow-graph.js';

const svgNs = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(svgNs, tag);
  for (const [key, value] of Object.entries(attrs)) if (value !== undefined && value !== null) el.setAttribute(key, String(value));
  el.append(...children.filter(c => c !== undefined && c !== null));
  return el;
}

/** Renders `flow` into `container`; returns { element, setStates(taskRuns) }. direction: 'TB' or 'LR'. */
export function renderTopology(container, flow, { direction = 'LR', onSelect } = {}) {
  const { nodes, edges } = flowGraph(flow);
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: direction, nodesep: 24, ranksep: 40, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: Math.max(120, Math.max(n.label.length, n.type.length) * 7.4 + 28), height: 46 });
  edges.forEach((e, i) => g.setEdge(e.from, e.to, { label: e.label, width: e.label ? e.label.length * 6.5 : 0, height: e.label ? 14 : 0 }, `e${i}`));
  dagre.layout(g);

  const { width = 0, height = 0 } = g.graph();
  const root = svg('svg', { class: 'topology', viewBox: `0 0 ${Math.ceil(width)} ${Math.ceil(height)}`, width: Math.ceil(width), height: Math.ceil(height), role: 'group', 'aria-label': 'Topology' },
    svg('defs', {}, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
      svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow' }))));

  edges.forEach((e, i) => {
    const layout = g.edge({ v: e.from, w: e.to, name: `e${i}` });
    const points = layout.points.map(p => `${p.x},${p.y}`).join(' L ');
    root.append(svg('path', { class: `edge edge-${e.kind}`, d: `M ${points}`, 'marker-end': 'url(#arrow)', 'data-from': e.from, 'data-to': e.to }));
    if (e.label) root.append(svg('text', { class: 'edge-label', x: layout.x, y: layout.y + 4, 'text-anchor': 'middle' }, e.label));
  });

  const byTask = new Map();
  for (const n of nodes) {
    const { x, y, width: w, height: hgt } = g.node(n.id);
    const title = svg('title', {}, `${n.label} (${n.fullType})`);
    const group = svg('g', {
      class: `node node-${n.kind}${n.disabled ? ' node-disabled' : ''}`, transform: `translate(${x - w / 2},${y - hgt / 2})`,
      'data-task-id': n.kind === 'task' ? n.id : null, 'data-node': n.id, role: 'listitem', tabindex: onSelect && n.kind === 'task' ? 0 : null,
    }, title,
    svg('rect', { width: w, height: hgt, rx: n.kind === 'trigger' ? 23 : 6 }),
    svg('text', { class: 'node-id', x: 12, y: 19 }, n.label),
    svg('text', { class: 'node-type', x: 12, y: 36 }, n.subflow ? `${n.type} → ${n.subflow}` : n.type));
    if (onSelect && n.kind === 'task') {
      group.addEventListener('click', () => onSelect(n.id));
      group.addEventListener('keydown', event => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); onSelect(n.id); } });
    }

    if (n.kind === 'task') byTask.set(n.id, group);
    root.append(group);
  }

  const list = svg('g', { role: 'list', 'aria-label': 'Tasks' });
  list.append(...root.querySelectorAll('g.node'));
  root.append(list);
  container.replaceChildren(nodes.length > 0 ? root : Object.assign(document.createElement('p'), { className: 'muted', textContent: 'No task yet.' }));

  return {
    element: root,
    /** Colours each task by the state of its task runs (the most telling one when a task ran several times). */
    setStates(taskRuns) {
      const states = new Map();
      for (const run of taskRuns ?? []) {
        const state = run.state?.current;
        const previous = states.get(run.taskId);
        if (!previous || rank(state) > rank(previous)) states.set(run.taskId, state);
      }

      for (const [taskId, group] of byTask) {
        const state = states.get(taskId);
        if (state) group.setAttribute('data-state', state);
        else group.removeAttribute('data-state');
        group.querySelector('title').textContent = `${taskId}${state ? `: ${state}` : ''}`;
      }
    },
  };
}

const order = ['SUCCESS', 'SKIPPED', 'CREATED', 'WARNING', 'RESTARTED', 'QUEUED', 'PAUSED', 'RETRYING', 'RETRIED', 'KILLED', 'CANCELLED', 'FAILED', 'KILLING', 'RUNNING'];
const rank = state => order.indexOf(state);
