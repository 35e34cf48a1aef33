// An accessible confirmation dialog (a modal <dialog>, focus on Cancel, Escape cancels) resolving to true or false.
import { h } from './dom.js';

export function confirmDialog(message, action = 'Confirm', opener = document.activeElement) {
  return new Promise(resolve => {
    let result = false;
    const cancel = h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel');
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-message' },
      h('p', { id: 'confirm-message' }, message),
      h('div', { class: 'actions' }, cancel,
        h('button', { type: 'button', class: 'primary danger', onclick: () => { result = true; dialog.close(); } }, action)));
    dialog.addEventListener('close', () => { dialog.remove(); opener?.focus?.(); resolve(result); });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}
