// Validation as you type: the server's POST /api/v1/flows/validate, each violation marked at its line and column.
import { api } from '../api.js';

const position = /\(at line (\d+), column (\d+)\)\s*$/;

/** Asks the server; resolves to [{ line, column, message }] (line/column undefined when the server gives none). */
export async function validate(source, signal) {
  const [result] = await api('/flows/validate', { method: 'POST', body: source, headers: { 'Content-Type': 'application/x-yaml', Accept: 'application/json' }, signal });
  if (!result?.constraints) return [];
  return result.constraints.split('\n').filter(Boolean).map(text => {
    const m = position.exec(text);
    return m ? { line: Number(m[1]), column: Number(m[2]), message: text.replace(position, '').trim() } : { message: text };
  });
}

/** The violations as CodeMirror diagnostics (a violation without position marks the first line). */
export function diagnostics(doc, violations) {
  return violations.map(v => {
    const line = doc.line(Math.min(Math.max(v.line ?? 1, 1), doc.lines));
    const from = Math.min(line.from + Math.max((v.column ?? 1) - 1, 0), line.to);
    const word = /^[^\s:]+/.exec(doc.sliceString(from, line.to))?.[0].length ?? 0;
    return { from, to: Math.max(from + word, Math.min(from + 1, line.to)), severity: 'error', message: v.message };
  });
}
