// Client-side router: each route is one view module with render(main, params, signal).
import { download, signedIn, signOut } from './api.js';
import { errorBox, h, replace } from './dom.js';
import { applyTheme, settingsControls } from './settings.js';

const routes = [
  [/^\/ui\/?$/, () => redirect('/ui/flows')],
  [/^\/ui\/flows\/?$/, 'flows', () => ({})],
  [/^\/ui\/flows\/new\/?$/, 'flow-editor', () => ({ tab: 'editor' })],
  [/^\/ui\/flows\/edit\/([^/]+)\/([^/]+)(?:\/([^/]+))?\/?$/, 'flow-editor', m => ({ namespace: m[1], id: m[2], tab: m[3] ?? 'editor' })],
  [/^\/ui\/executions\/?$/, 'executions', () => ({})],
  [/^\/ui\/executions\/([^/]+)\/([^/]+)\/([^/]+)(?:\/([^/]+))?\/?$/, 'execution', m => ({ namespace: m[1], flowId: m[2], id: m[3], tab: m[4] ?? 'overview' })],
  [/^\/ui\/triggers\/?$/, 'triggers', () => ({})],
  [/^\/ui\/namespaces\/?$/, 'namespaces', () => ({})],
  [/^\/ui\/namespaces\/([^/]+)(?:\/([^/]+))?\/?$/, 'namespace', m => ({ namespace: m[1], tab: m[2] ?? 'flows' })],
  [/^\/ui\/login\/?$/, 'login', () => ({})],
];

const main = document.getElementById('main');
let current = null;

function redirect(path) {
  history.replaceState(null, '', path);
  return route();
}

export function navigate(path, { replace: replaceEntry = false } = {}) {
  if (replaceEntry) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  return route();
}

async function route() {
  current?.abort();
  const controller = new AbortController();
  current = controller;
  const path = decodeURI(location.pathname);
  const match = routes.map(([pattern, view, params]) => [pattern.exec(path), view, params]).find(([m]) => m);
  document.querySelectorAll('header.top nav a').forEach(a =>
    a.toggleAttribute('aria-current', path.startsWith(`/ui/${a.dataset.section}`)));
  if (!match) {
    replace(main, errorBox(`No page at ${path}`));
    return;
  }

  const [m, view, params] = match;
  if (typeof view === 'function') return view();
  try {
    const module = await import(`./views/${view}.js`);
    if (controller.signal.aborted) return;
    await module.render(main, params(m), controller.signal);
  } catch (e) {
    if (controller.signal.aborted) return;
    replace(main, errorBox(e));
  }
}

// Same-origin /ui/ links navigate without a page load (plain clicks only: new tabs keep working); API downloads
// go through fetch when signed in on the login page, so they carry the credentials.
document.addEventListener('click', event => {
  const a = event.target.closest?.('a[href]');
  if (a?.hasAttribute('download') && signedIn() && new URL(a.href, location.href).pathname.startsWith('/api/')) {
    event.preventDefault();
    download(a.href, a.getAttribute('download') || 'download').catch(e => a.after(errorBox(e)));
    return;
  }

  if (!a || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || !url.pathname.startsWith('/ui/') || a.target || a.hasAttribute('download')) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
});

window.addEventListener('popstate', route);
applyTheme();
document.getElementById('settings').replaceChildren(...settingsControls(route),
  signedIn() ? h('button', { type: 'button', id: 'sign-out', onclick: () => { signOut(); location.assign('/ui/login'); } }, 'Sign out') : '');
route();
