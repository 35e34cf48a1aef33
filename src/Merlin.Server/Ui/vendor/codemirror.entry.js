// The CodeMirror 6 pieces the flow editor uses, bundled into one ES module (web/vendor/codemirror.js).
export { EditorState, Compartment, StateEffect, StateField } from '@codemirror/state';
export {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
  highlightSpecialChars, rectangularSelection, crosshairCursor, dropCursor,
} from '@codemirror/view';
export {
  syntaxHighlighting, defaultHighlightStyle, foldGutter, foldKeymap, indentOnInput, bracketMatching,
  syntaxTree, indentUnit,
} from '@codemirror/language';
export { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
export { search, searchKeymap, highlightSelectionMatches, openSearchPanel } from '@codemirror/search';
export { autocompletion, completionKeymap, closeBrackets, closeBracketsKeymap, startCompletion } from '@codemirror/autocomplete';
export { linter, lintGutter, setDiagnostics, forceLinting } from '@codemirror/lint';
export { yaml } from '@codemirror/lang-yaml';
export { MergeView } from '@codemirror/merge';
