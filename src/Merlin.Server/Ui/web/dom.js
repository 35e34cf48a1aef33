// Small DOM helpers: elements are built with h(), never from HTML strings, so API data cannot inject markup.
import { timeZone } from './settings.js';

/** h('a', { href, class: 'x', onclick }, 'text', child, [more]) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'for') el.htmlFor = value;
    else if (key === 'value') el.value = String(value);
    else if (key in el && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces an element's content. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function stateBadge(state) {
  const current = state?.current ?? state ?? 'UNKNOWN';
  return h('span', { class: `state state-${current}`, 'data-state': current }, current);
}

/** Seconds (Merlin), "PT1.5S" (Kestra) or start/end dates → "1.5s" / "2m 3s". */
export function duration(state) {
  let seconds;
  if (typeof state?.duration === 'number') seconds = state.duration;
  else if (typeof state?.duration === 'string') seconds = isoSeconds(state.duration);
  else if (state?.startDate) seconds = ((state.endDate ? Date.parse(state.endDate) : Date.now()) - Date.parse(state.startDate)) / 1000;
  if (seconds === undefined || Number.isNaN(seconds)) return '';
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(2) : seconds.toFixed(1)}s`;
  const m = Math.floor(seconds / 60);
  return m < 60 ? `${m}m ${Math.round(seconds % 60)}s` : `${Math.floor(m / 60)}h ${m % 60}m`;
}

function isoSeconds(iso) {
  const match = /^P(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(iso);
  if (!match) return undefined;
  const [, d, hh, mm, ss] = match.map(v => Number(v ?? 0));
  return d * 86400 + hh * 3600 + mm * 60 + ss;
}

/** A date in the chosen time zone (the browser's by default), as a <time> whose title names the zone. */
export function date(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const zone = timeZone();
  return h('time', { datetime: d.toISOString(), title: `${zone} (${d.toISOString()})` }, d.toLocaleString(undefined, { timeZone: zone }));
}

/** Only the time of day, in the chosen zone. */
export function time(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleTimeString(undefined, { timeZone: timeZone() });
}

/** A value as readable text: strings as they are, anything else as indented JSON. */
export function text(value) {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/** A two-column table of a map's entries, or a muted note when it is empty. */
export function keyValues(map, empty = 'None') {
  const entries = Object.entries(map ?? {});
  if (entries.length === 0) return h('p', { class: 'muted' }, empty);
  return tableBox(h('table', { class: 'kv' },
    h('tbody', {}, entries.map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, h('pre', {}, text(v))))))));
}

export function errorBox(error) {
  return h('div', { class: 'error', role: 'alert' }, error?.message ?? String(error));
}

/** Tabs as links (each tab has its own URL); the current one carries aria-current. */
export function tabs(label, items, current) {
  return h('nav', { class: 'tabs', 'aria-label': label },
    items.map(([key, title, href]) => h('a', { href, 'aria-current': key === current ? 'page' : null }, title)));
}

/** A wide table in a box that scrolls sideways, so the page itself never overflows. */
export function tableBox(table) {
  return h('div', { class: 'table-box' }, table);
}

/** Labels as [{ key, value }] whether written as a list or as a map. */
export function labelList(labels) {
  if (Array.isArray(labels)) return labels;
  return Object.entries(labels ?? {}).map(([key, value]) => ({ key, value: String(value) }));
}

/** "N things" with Previous/Next buttons when there is more than one page; onPage(newPage) loads it. */
export function pager(total, page, size, noun, onPage) {
  const pages = Math.max(1, Math.ceil(total / size));
  return h('p', { class: 'pager' }, `${total} ${noun}${total === 1 ? '' : 's'}`,
    pages > 1 && [
      h('button', { type: 'button', disabled: page <= 1, onclick: () => onPage(page - 1) }, 'Previous'),
      ` page ${page} of ${pages} `,
      h('button', { type: 'button', disabled: page >= pages, onclick: () => onPage(page + 1) }, 'Next'),
    ]);
}

/** Runs `action` on each selected item, then reports "<label>: N" or the failures. */
export async function bulk(items, action, label) {
  const outcomes = await Promise.allSettled(items.map(action));
  const failed = outcomes.filter(o => o.status === 'rejected');
  return failed.length
    ? errorBox(`${label}: ${items.length - failed.length} done, ${failed.length} failed (${failed[0].reason.message})`)
    : `${label}: ${items.length} done`;
}
