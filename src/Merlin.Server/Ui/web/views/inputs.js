// One form field per flow input type, with its default pre-filled and a required marker (an input with a default is
// not required of the user). A field's error clears as soon as it is edited.
import { h, replace } from '../dom.js';

const textTypes = { STRING: 'text', EMAIL: 'email', URI: 'url', SECRET: 'password', DURATION: 'text' };
const blockTypes = new Set(['JSON', 'YAML', 'ARRAY']);

/** { id, element, append(formData), setError(message), addError(message) } for one input definition. */
export function inputField(input) {
  const type = String(input.type ?? 'STRING').toUpperCase();
  const hasDefault = input.defaults !== undefined && input.defaults !== null;
  const required = input.required !== false && !hasDefault;
  const controlId = `input-${input.id}`;
  const hintId = `${controlId}-hint`;
  const errorId = `${controlId}-error`;
  const control = buildControl(input, type, controlId);
  control.setAttribute('aria-describedby', `${hintId} ${errorId}`);
  if (required && type !== 'BOOLEAN' && type !== 'BOOL') control.setAttribute('aria-required', 'true');
  control.name = input.id;
  const error = h('p', { id: errorId, class: 'field-error', role: 'alert' });
  // datetime-local values are read in the browser's zone, so that is the zone to show.
  const zone = type === 'DATETIME' || type === 'TIME' ? h('span', { class: 'zone' }, ` (${Intl.DateTimeFormat().resolvedOptions().timeZone})`) : null;
  const element = h('div', { class: 'field', 'data-input': input.id, 'data-type': type },
    h('label', { for: controlId }, input.displayName ?? input.id,
      required && h('span', { class: 'required', title: 'required' }, ' *', h('span', { class: 'sr-only' }, ' (required)'))),
    h('p', { id: hintId, class: 'hint' }, h('span', { class: 'type' }, type), zone, input.description ? ` ${input.description}` : ''),
    control, error);
  const setError = message => {
    replace(error, message ?? '');
    control.toggleAttribute('aria-invalid', Boolean(message));
  };
  control.addEventListener('input', () => setError(null));
  control.addEventListener('change', () => setError(null));

  return {
    id: input.id,
    element,
    append: body => appendValue(body, input.id, type, control, required),
    setError,
    addError(message) {
      setError(error.textContent ? `${error.textContent} ${message}` : message);
    },
  };
}

function buildControl(input, type, id) {
  const defaults = input.defaults;
  const values = input.values ?? input.options ?? [];
  if (type === 'SELECT' || type === 'ENUM' || type === 'MULTISELECT') {
    const multiple = type === 'MULTISELECT';
    const chosen = new Set([defaults ?? []].flat().map(String));
    return h('select', { id, multiple },
      !multiple && h('option', { value: '' }, '—'),
      values.map(v => h('option', { value: v, selected: chosen.has(String(v)) }, v)));
  }

  if (type === 'BOOLEAN' || type === 'BOOL') {
    const value = defaults === undefined || defaults === null ? '' : String(defaults);
    return h('select', { id },
      h('option', { value: '', selected: value === '' }, '—'),
      h('option', { value: 'true', selected: value === 'true' }, 'true'),
      h('option', { value: 'false', selected: value === 'false' }, 'false'));
  }

  if (blockTypes.has(type)) {
    const value = defaults === undefined || defaults === null ? '' : typeof defaults === 'string' ? defaults : JSON.stringify(defaults, null, 2);
    return h('textarea', { id, rows: 5, spellcheck: false, value });
  }

  const value = defaults === undefined || defaults === null ? '' : String(defaults);
  switch (type) {
    case 'INT': return h('input', { id, type: 'number', step: '1', inputmode: 'numeric', value, min: input.min, max: input.max });
    case 'FLOAT': return h('input', { id, type: 'number', step: 'any', inputmode: 'decimal', value, min: input.min, max: input.max });
    case 'DATE': return h('input', { id, type: 'date', value });
    case 'TIME': return h('input', { id, type: 'time', step: '1', value });
    case 'DATETIME': return h('input', { id, type: 'datetime-local', step: '1', value: toLocal(value) });
    case 'FILE': return h('input', { id, type: 'file', accept: input.extension ?? null });
    default: return h('input', { id, type: textTypes[type] ?? 'text', value, placeholder: type === 'DURATION' ? 'PT5M' : null, autocomplete: 'off' });
  }
}

/** Adds the field's value to the form; an empty field is left out so the server applies the default or reports it missing. */
function appendValue(body, id, type, control, required) {
  if (type === 'FILE') {
    const file = control.files?.[0];
    if (file) body.append(id, file, file.name);
    else if (required) throw new Error('Choose a file.');
    return;
  }

  if (type === 'MULTISELECT') {
    const chosen = [...control.selectedOptions].map(o => o.value);
    if (chosen.length > 0) body.append(id, JSON.stringify(chosen));
    return;
  }

  // A date/time field typed partly has an empty value but a bad-input validity: an error, not a silent "no value".
  if (control.validity?.badInput) throw new Error(type === 'DATETIME' ? 'Incomplete date and time.' : 'Not a valid value.');
  let value = control.value;
  if (value === '') return;
  if (type === 'DATETIME') value = new Date(value).toISOString();
  if (type === 'JSON' || type === 'ARRAY') {
    try {
      JSON.parse(value);
    } catch {
      throw new Error('Not valid JSON.');
    }
  }

  body.append(id, value);
}

/** "2024-01-02T10:00:00Z" → the datetime-local value of that instant in the browser's time zone. */
function toLocal(value) {
  const d = new Date(value);
  if (!value || Number.isNaN(d.getTime())) return value;
  const pad = n => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
