// The execution's Logs tab: every line so far, then live ones; minimum level, task, text search; download and copy.
import { enc, follow } from '../api.js';
import { errorBox, h, replace, time } from '../dom.js';

const levels = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'];

export function renderLogs(container, execution, signal) {
  const executionId = execution.id;
  const level = h('select', { id: 'log-level', name: 'minLevel' }, levels.map(l => h('option', { value: l, selected: l === 'INFO' }, l)));
  const task = h('select', { id: 'log-task', name: 'task' }, h('option', { value: '' }, 'All tasks'),
    [...new Set((execution.taskRunList ?? []).map(r => r.taskId))].map(t => h('option', { value: t }, t)));
  const search = h('input', { id: 'log-search', type: 'search', name: 'q', placeholder: 'text' });
  const lines = h('ol', { class: 'logs', 'aria-label': 'Log lines', tabindex: '0' });
  const count = h('p', { class: 'muted', 'aria-live': 'polite' });
  const copied = h('span', { role: 'status', class: 'muted small' });
  const download = h('a', { class: 'button', id: 'log-download', download: `${executionId}.log` }, 'Download');
  let current;
  let ended = false;

  const matches = entry => (!task.value || entry.taskId === task.value)
    && (!search.value || String(entry.message ?? '').toLowerCase().includes(search.value.toLowerCase()));
  const refilter = () => {
    let shown = 0;
    for (const li of lines.children) {
      li.hidden = !matches(li.entry);
      if (!li.hidden) shown++;
    }

    replace(count, `${shown} line${shown === 1 ? '' : 's'}${ended ? ' (execution ended)' : ''}`);
  };

  const start = () => {
    current?.abort();
    current = new AbortController();
    const own = current;
    signal.addEventListener('abort', () => own.abort(), { once: true });
    replace(lines);
    ended = false;
    download.href = `/api/v1/logs/${enc(executionId)}/download?minLevel=${enc(level.value)}`;
    replace(count, 'Following…');
    follow(`/logs/${enc(executionId)}/follow?minLevel=${enc(level.value)}`, entry => {
      const li = line(entry);
      li.hidden = !matches(entry);
      lines.append(li);
      refilter();
    }, own.signal)
      .then(() => { if (!own.signal.aborted) { ended = true; refilter(); } })
      .catch(e => { if (!own.signal.aborted) container.append(errorBox(e)); });
  };

  async function copy() {
    const text = [...lines.children].filter(li => !li.hidden).map(li => li.innerText.replace(/\n/g, ' ')).join('\n');
    try {
      await navigator.clipboard.writeText(text);
      replace(copied, 'Copied');
    } catch {
      replace(copied, 'Copy is not allowed here; use Download.');
    }
  }

  level.addEventListener('change', start);
  task.addEventListener('change', refilter);
  search.addEventListener('input', refilter);
  replace(container,
    h('form', { class: 'filters', onsubmit: e => e.preventDefault() },
      h('label', { for: 'log-level' }, 'Minimum level'), level,
      h('label', { for: 'log-task' }, 'Task'), task,
      h('label', { for: 'log-search' }, 'Search'), search,
      download, h('button', { type: 'button', id: 'log-copy', onclick: copy }, 'Copy'), copied),
    count,
    lines);
  start();
}

function line(entry) {
  const li = h('li', { class: `log level-${entry.level}`, 'data-task-id': entry.taskId ?? null },
    h('time', { datetime: entry.timestamp }, time(entry.timestamp)),
    h('span', { class: 'level' }, entry.level),
    h('span', { class: 'task' }, entry.taskId ?? ''),
    h('span', { class: 'message' }, entry.message ?? ''));
  li.entry = entry;
  return li;
}
