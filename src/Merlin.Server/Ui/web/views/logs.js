// The execution's Logs tab: every line so far, then live ones, filtered by minimum level.
import { enc, follow } from '../api.js';
import { errorBox, h, replace } from '../dom.js';

const levels = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'];

export function renderLogs(container, executionId, signal) {
  const level = h('select', { id: 'log-level', name: 'minLevel' }, levels.map(l => h('option', { value: l, selected: l === 'INFO' }, l)));
  const lines = h('ol', { class: 'logs', 'aria-label': 'Log lines', tabindex: '0' });
  const count = h('p', { class: 'muted', 'aria-live': 'polite' });
  let current;

  const start = () => {
    current?.abort();
    current = new AbortController();
    const own = current;
    signal.addEventListener('abort', () => own.abort(), { once: true });
    replace(lines);
    let n = 0;
    replace(count, 'Following…');
    follow(`/logs/${enc(executionId)}/follow?minLevel=${enc(level.value)}`, entry => {
      lines.append(line(entry));
      n++;
      replace(count, `${n} line${n === 1 ? '' : 's'}`);
    }, own.signal)
      .then(() => { if (!own.signal.aborted) replace(count, `${n} line${n === 1 ? '' : 's'} (execution ended)`); })
      .catch(e => { if (!own.signal.aborted) container.append(errorBox(e)); });
  };

  level.addEventListener('change', start);
  replace(container,
    h('form', { class: 'filters', onsubmit: e => e.preventDefault() }, h('label', { for: 'log-level' }, 'Minimum level'), level),
    count,
    lines);
  start();
}

function line(entry) {
  return h('li', { class: `log level-${entry.level}` },
    h('time', { datetime: entry.timestamp }, entry.timestamp ? new Date(entry.timestamp).toLocaleTimeString() : ''),
    h('span', { class: 'level' }, entry.level),
    h('span', { class: 'task' }, entry.taskId ?? ''),
    h('span', { class: 'message' }, entry.message ?? ''));
}
