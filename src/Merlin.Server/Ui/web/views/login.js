// /ui/login: the sign-in page when the server has basic auth on (instead of the browser's own prompt).
import { ApiError, signIn } from '../api.js';
import { errorBox, h, replace } from '../dom.js';

export async function render(main) {
  const next = new URLSearchParams(location.search).get('next');
  const target = next?.startsWith('/ui/') ? next : '/ui/flows';
  const username = h('input', { id: 'login-username', name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const message = h('div', { 'aria-live': 'assertive' });
  const form = h('form', { class: 'login', onsubmit: submit },
    h('h1', {}, 'Sign in to Merlin'),
    h('div', { class: 'field' }, h('label', { for: 'login-username' }, 'Username'), username),
    h('div', { class: 'field' }, h('label', { for: 'login-password' }, 'Password'), password),
    message,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Sign in')));
  replace(main, form);
  document.title = 'Sign in · Merlin';
  username.focus();

  async function submit(event) {
    event.preventDefault();
    const authorization = `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(`${username.value}:${password.value}`)))}`;
    const response = await fetch('/api/v1/flows/search?size=1', { headers: { Authorization: authorization, 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json' } });
    if (!response.ok) {
      const body = await response.json().catch(() => null);
      replace(message, errorBox(response.status === 401 ? 'Wrong username or password.' : new ApiError(response.status, body)));
      password.select();
      return;
    }

    signIn(authorization);
    location.assign(target); // a full load, so the header shows Sign out
  }
}
