// The Gantt tab: one row per task run on a shared time axis, each bar split into its attempts, coloured by state.
import { duration, h } from '../dom.js';

const time = iso => (iso ? Date.parse(iso) : NaN);

export function gantt(execution) {
  const runs = execution.taskRunList ?? [];
  if (runs.length === 0) return h('p', { class: 'muted' }, 'No task run yet.');
  const now = Date.now();
  const start = time(execution.state?.startDate ?? execution.state?.histories?.[0]?.date);
  const end = Math.max(execution.state?.endDate ? time(execution.state.endDate) : now, ...runs.map(r => (r.state?.endDate ? time(r.state.endDate) : now)));
  const span = Math.max(end - start, 1);
  const pct = ms => `${Math.min(100, Math.max(0, (ms / span) * 100)).toFixed(3)}%`;

  return h('div', { class: 'gantt', role: 'table', 'aria-label': 'Task runs over time' },
    h('div', { class: 'gantt-row muted small', role: 'row' },
      h('span', { role: 'columnheader' }, 'Task'), h('span', { role: 'columnheader' }, `0 → ${duration(execution.state)}`), h('span', { role: 'columnheader' }, 'Duration')),
    runs.map(run => {
      const runStart = time(run.state?.startDate ?? run.state?.histories?.[0]?.date);
      const runEnd = run.state?.endDate ? time(run.state.endDate) : now;
      const attempts = run.attempts ?? [];
      const label = `${run.taskId}${run.value ? ` [${run.value}]` : ''}`;
      return h('div', { class: 'gantt-row', role: 'row', 'data-task-id': run.taskId },
        h('span', { class: 'gantt-label', role: 'rowheader', title: label }, label),
        h('div', { class: 'gantt-track', role: 'cell' },
          h('div', { class: 'gantt-bar', 'data-state': run.state?.current, title: `${label}: ${run.state?.current}`,
            style: `left:${pct(runStart - start)};width:${pct(runEnd - runStart)}` },
          attempts.map((attempt, i) => h('span', { class: 'gantt-attempt', 'data-attempt': i + 1, 'data-state': attempt.state?.current, title: `attempt ${i + 1}: ${attempt.state?.current}` })))),
        h('span', { class: 'gantt-duration', role: 'cell' }, duration(run.state)));
    }));
}
