// A flow (as parsed YAML or as the API's JSON) as a graph of tasks: nodes and edges, with the branches of flowable
// tasks (sequential children, parallel, if/switch branches, loops, DAG dependencies, errors) and the triggers.

const shortType = type => String(type ?? '').split('.').pop();
const isTask = value => value && typeof value === 'object' && typeof value.id === 'string' && typeof value.type === 'string';

/** { nodes: [{ id, label, type, kind, flowable }], edges: [{ from, to, label, kind }] } */
export function flowGraph(flow) {
  const nodes = [];
  const edges = [];
  const seen = new Set();

  const node = (id, label, type, kind, extra = {}) => {
    if (seen.has(id)) return id;
    seen.add(id);
    nodes.push({ id, label, type: shortType(type), fullType: type, kind, ...extra });
    return id;
  };
  const edge = (from, to, label, kind = 'next') => from.forEach(f => edges.push({ from: f, to, label, kind }));

  /** Chains tasks one after another from `entries`; returns the exits of the last one. */
  function chain(tasks, entries, label, kind) {
    let current = entries;
    let first = true;
    for (const task of (tasks ?? []).filter(isTask)) {
      current = taskNode(task, current, first ? label : undefined, first ? kind : 'next');
      first = false;
    }

    return current;
  }

  /** Adds one task (and its branches) after `entries`; returns its exits. */
  function taskNode(task, entries, label, kind) {
    const id = node(task.id, task.id, task.type, 'task', { subflow: task.flowId ? `${task.namespace ?? ''}.${task.flowId}` : undefined, disabled: task.disabled === true });
    edge(entries, id, label, kind);
    const type = shortType(task.type);
    let exits = [id];
    if (type === 'Parallel' || type === 'EachParallel') {
      exits = (task.tasks ?? []).filter(isTask).flatMap(child => taskNode(child, [id], undefined, 'branch'));
      if (exits.length === 0) exits = [id];
    } else if (type === 'If') {
      exits = [...chain(task.then, [id], 'then', 'branch'), ...(task.else ? chain(task.else, [id], 'else', 'branch') : [id])];
    } else if (type === 'Switch') {
      exits = Object.entries(task.cases ?? {}).flatMap(([value, tasks]) => chain(tasks, [id], value, 'branch'));
      exits.push(...(task.defaults ? chain(task.defaults, [id], 'defaults', 'branch') : [id]));
    } else if (type === 'Dag') {
      const dagTasks = (task.tasks ?? []).filter(t => isTask(t?.task));
      const dependedOn = new Set(dagTasks.flatMap(t => t.dependsOn ?? []));
      for (const t of dagTasks) node(t.task.id, t.task.id, t.task.type, 'task');
      for (const t of dagTasks) {
        const from = (t.dependsOn ?? []).length > 0 ? t.dependsOn.filter(d => seen.has(d)) : [id];
        edge(from, t.task.id, undefined, (t.dependsOn ?? []).length > 0 ? 'next' : 'branch');
      }

      exits = dagTasks.filter(t => !dependedOn.has(t.task.id)).map(t => t.task.id);
    } else if (type === 'ForEach' || type === 'EachSequential') {
      exits = chain(task.tasks, [id], 'each', 'branch');
    } else if (task.tasks) {
      exits = chain(task.tasks, [id], undefined, 'branch');
    }

    if (Array.isArray(task.errors) && task.errors.length > 0) chain(task.errors, [id], 'errors', 'error');
    if (Array.isArray(task.finally) && task.finally.length > 0) chain(task.finally, exits, 'finally', 'next');
    return exits;
  }

  const triggers = (flow?.triggers ?? []).filter(isTask).map(t => node(`trigger:${t.id}`, t.id, t.type, 'trigger'));
  const exits = chain(flow?.tasks, triggers, undefined, 'next');
  if (Array.isArray(flow?.errors) && flow.errors.length > 0) {
    chain(flow.errors, [node('flow:errors', 'errors', 'on failure', 'marker')], undefined, 'error');
  }

  if (Array.isArray(flow?.finally) && flow.finally.length > 0) chain(flow.finally, exits, 'finally', 'next');
  return { nodes, edges };
}
