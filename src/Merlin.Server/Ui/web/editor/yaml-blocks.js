// Where the cursor is in a flow's YAML, read line by line so it works on half-typed text: the mapping ("block") the
// line belongs to, its keys, its `type`, and the list key it sits under (tasks, triggers, conditions...).

const keyLine = /^(\s*)(- +)?([A-Za-z_$][\w$.-]*)\s*:(?:\s|$)/;

/** The column where a line's key (or content) starts, counting "- " as indentation; -1 for blank/comment lines. */
export function keyColumn(line) {
  const m = /^(\s*)(- +)?(\S)/.exec(line);
  if (!m || m[3] === '#') return -1;
  return m[1].length + (m[2]?.length ?? 0);
}

function startsItem(line, column) {
  const m = /^(\s*)(- +)/.exec(line);
  return m !== null && m[1].length + m[2].length === column;
}

/** The lines (indices) of the block whose keys start at `column` and that contains line `index`. */
export function blockLines(lines, index, column) {
  const found = [index];
  if (!startsItem(lines[index] ?? '', column)) {
    for (let i = index - 1; i >= 0; i--) {
      const c = keyColumn(lines[i]);
      if (c === -1 || c > column) continue;
      if (c < column) break;
      found.unshift(i);
      if (startsItem(lines[i], column)) break;
    }
  }

  for (let i = index + 1; i < lines.length; i++) {
    const c = keyColumn(lines[i]);
    if (c === -1 || c > column) continue;
    if (c < column || startsItem(lines[i], column)) break;
    found.push(i);
  }

  return found;
}

/** { keys: Map(key → value text), type, parentKey, column } of the block at (line, column). */
export function blockAt(lines, index, column) {
  const keys = new Map();
  for (const i of blockLines(lines, index, column)) {
    const m = keyLine.exec(lines[i]);
    if (m && m[1].length + (m[2]?.length ?? 0) === column) keys.set(m[3], lines[i].slice(m[0].length).replace(/\s+#.*$/, '').trim().replace(/^["']|["']$/g, ''));
  }

  return { keys, type: keys.get('type') || undefined, parentKey: parentKey(lines, index, column), column };
}

/** The key of the nearest line above with a smaller key column (the list or map this block belongs to). */
function parentKey(lines, index, column) {
  for (let i = index - 1; i >= 0; i--) {
    const c = keyColumn(lines[i]);
    if (c === -1 || c >= column) continue;
    return keyLine.exec(lines[i])?.[3];
  }

  return undefined;
}

/** The innermost block around line `index` that has a `type` (a task, trigger or condition), or undefined. */
export function typedBlockAround(lines, index) {
  let i = index;
  while (i >= 0 && keyColumn(lines[i]) === -1) i--;
  if (i < 0) return undefined;
  let column = keyColumn(lines[i]);
  for (let guard = 0; guard < 50; guard++) {
    const block = blockAt(lines, i, column);
    if (block.type) return block;
    // up to the enclosing block: the nearest line above whose key starts further left
    let j = i - 1;
    while (j >= 0 && (keyColumn(lines[j]) === -1 || keyColumn(lines[j]) >= column)) j--;
    if (j < 0) return undefined;
    i = j;
    column = keyColumn(lines[j]);
  }

  return undefined;
}

/** The plugin kind expected under a list key. */
export function kindOf(listKey) {
  if (listKey === 'triggers') return 'trigger';
  if (listKey === 'conditions') return 'condition';
  return 'task';
}
