// The Revisions tab of a flow: every revision, two of them side by side (CodeMirror's merge view), and restore.
import { api, enc } from '../api.js';
import { date, errorBox, h, replace } from '../dom.js';
import { navigate } from '../app.js';
import { EditorState, EditorView, MergeView, lineNumbers, syntaxHighlighting, defaultHighlightStyle, yaml } from '../vendor/codemirror.js';
import { shadowRoot } from '../editor/code-editor.js';

export async function renderRevisions(container, flow, signal) {
  const revisions = (await api(`/flows/${enc(flow.namespace)}/${enc(flow.id)}/revisions`, { signal })).sort((a, b) => a.revision - b.revision);
  const options = selected => revisions.map(r => h('option', { value: r.revision, selected: r.revision === selected },
    `Revision ${r.revision}${r.deleted ? ' (deleted)' : ''}`));
  const latest = revisions.at(-1)?.revision;
  const left = h('select', { id: 'revision-left', 'aria-label': 'Left revision' }, options(revisions.at(-2)?.revision ?? latest));
  const right = h('select', { id: 'revision-right', 'aria-label': 'Right revision' }, options(latest));
  const restore = h('button', { type: 'button', id: 'restore', onclick: restoreLeft }, 'Restore left revision');
  const diff = h('div', { class: 'diff', id: 'revision-diff', 'aria-label': 'Differences between the two revisions' });
  const message = h('div', { role: 'status' });
  let merge;

  const show = () => {
    merge?.destroy();
    const source = n => revisions.find(r => r.revision === Number(n))?.source ?? '';
    const extensions = [lineNumbers(), yaml(), syntaxHighlighting(defaultHighlightStyle, { fallback: true }), EditorState.readOnly.of(true), EditorView.editable.of(false), EditorView.lineWrapping];
    diff.replaceChildren();
    merge = new MergeView({ a: { doc: source(left.value), extensions }, b: { doc: source(right.value), extensions }, parent: shadowRoot(diff), root: diff.querySelector('.cm-host').shadowRoot, gutter: true });
    restore.textContent = `Restore revision ${left.value}`;
    restore.disabled = Number(left.value) === latest;
  };

  async function restoreLeft() {
    const source = revisions.find(r => r.revision === Number(left.value))?.source;
    try {
      const saved = await api(`/flows/${enc(flow.namespace)}/${enc(flow.id)}`, { method: 'PUT', body: source, headers: { 'Content-Type': 'application/x-yaml', Accept: 'application/json' } });
      sessionStorage.setItem('merlin.flash', `Restored revision ${left.value} as revision ${saved.revision}`);
      navigate(`/ui/flows/edit/${enc(flow.namespace)}/${enc(flow.id)}`);
    } catch (e) {
      replace(message, errorBox(e));
    }
  }

  left.addEventListener('change', show);
  right.addEventListener('change', show);
  signal.addEventListener('abort', () => merge?.destroy());
  replace(container,
    h('ol', { class: 'revisions' }, revisions.map(r => h('li', {}, `Revision ${r.revision}`, ' ', h('span', { class: 'muted' }, date(r.updated)), r.deleted && h('span', { class: 'tag' }, 'deleted')))),
    h('div', { class: 'filters' }, h('label', { for: 'revision-left' }, 'Compare'), left, h('label', { for: 'revision-right' }, 'with'), right, restore),
    message,
    diff);
  show();
}
