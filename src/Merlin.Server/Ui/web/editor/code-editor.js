// The YAML code editor (CodeMirror 6): highlighting, folding, search, bracket matching, history, validation against
// the server as you type, and schema-driven autocompletion. Escape then Tab moves the focus out of the editor.
import {
  EditorState, EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
  highlightSpecialChars, syntaxHighlighting, defaultHighlightStyle, foldGutter, foldKeymap, indentOnInput,
  bracketMatching, indentUnit, defaultKeymap, history, historyKeymap, indentWithTab, search, searchKeymap,
  highlightSelectionMatches, autocompletion, completionKeymap, closeBrackets, closeBracketsKeymap, linter, lintGutter, yaml,
} from '../vendor/codemirror.js';
import { flowCompletions } from './completion.js';
import { diagnostics, validate } from './validation.js';

const theme = EditorView.theme({
  '&': { backgroundColor: 'var(--panel)', color: 'var(--fg)', height: '100%' },
  '.cm-content': { caretColor: 'var(--fg)' },
  '.cm-gutters': { backgroundColor: 'var(--panel)', color: 'var(--muted)', borderRight: '1px solid var(--line)' },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'color-mix(in srgb, var(--accent) 8%, transparent)' },
  '.cm-scroller': { fontFamily: 'ui-monospace, "SF Mono", Menlo, Consolas, monospace', fontSize: '13px' },
  '.cm-tooltip': { backgroundColor: 'var(--panel)', color: 'var(--fg)', border: '1px solid var(--line)' },
});

/**
 * A shadow root inside `parent` for an editor: there CodeMirror's generated styles go to adopted style sheets, which
 * the page's strict Content-Security-Policy (no inline styles) allows, instead of <style> elements, which it blocks.
 */
export function shadowRoot(parent) {
  const host = document.createElement('div');
  host.className = 'cm-host';
  parent.append(host);
  return host.attachShadow({ mode: 'open' });
}

/**
 * { view, source(), setSource(text) } in `parent`. Callbacks: onChange(source), onCursor(state), onValidated(violations),
 * onSave(); `readOnly` for a viewer.
 */
export function createCodeEditor(parent, { doc = '', label = 'Flow source (YAML)', onChange, onCursor, onValidated, onSave, readOnly = false } = {}) {
  const extensions = [
    lineNumbers(), highlightActiveLineGutter(), highlightSpecialChars(), history(), foldGutter(), drawSelection(),
    indentOnInput(), syntaxHighlighting(defaultHighlightStyle, { fallback: true }), bracketMatching(), closeBrackets(),
    highlightActiveLine(), highlightSelectionMatches(), search({ top: true }), yaml(), theme,
    EditorState.tabSize.of(2), indentUnit.of('  '), EditorView.lineWrapping,
    EditorView.contentAttributes.of({ 'aria-label': label }),
    keymap.of([
      { key: 'Mod-s', preventDefault: true, run: () => { onSave?.(); return true; } },
      ...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...foldKeymap, ...completionKeymap, indentWithTab,
    ]),
    EditorView.updateListener.of(update => {
      if (update.docChanged) onChange?.(update.state.doc.toString());
      if (update.docChanged || update.selectionSet) onCursor?.(update.state);
    }),
  ];
  if (readOnly) extensions.push(EditorState.readOnly.of(true));
  else {
    // interactionDelay 0: Enter accepts the proposal as soon as it shows (the default ignores keys for 75 ms).
    extensions.push(autocompletion({ override: [flowCompletions], icons: false, interactionDelay: 0 }), lintGutter(), linter(async view => {
      const source = view.state.doc.toString();
      try {
        const violations = source.trim() ? await validate(source) : [];
        onValidated?.(violations);
        return diagnostics(view.state.doc, violations);
      } catch (e) {
        onValidated?.([{ message: `Validation unavailable: ${e.message}` }]);
        return [];
      }
    }, { delay: 300 }));
  }

  const view = new EditorView({ parent: shadowRoot(parent), state: EditorState.create({ doc, extensions }) });
  return {
    view,
    source: () => view.state.doc.toString(),
    setSource: text => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
  };
}
