// The user's display settings, kept in localStorage: colour theme (system, light, dark) and the time zone of dates.
import { h } from './dom.js';

const themeKey = 'merlin.theme';
const zoneKey = 'merlin.timeZone';

export function applyTheme() {
  const theme = localStorage.getItem(themeKey) ?? 'system';
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

/** The IANA zone dates are shown in: the chosen one, or the browser's. */
export function timeZone() {
  return localStorage.getItem(zoneKey) || Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The header's controls: a theme switch and a time zone choice. */
export function settingsControls(onZoneChange) {
  const theme = h('select', { id: 'setting-theme', 'aria-label': 'Colour theme', onchange: () => {
    localStorage.setItem(themeKey, theme.value);
    applyTheme();
  } }, [['system', 'System theme'], ['light', 'Light'], ['dark', 'Dark']].map(([value, label]) =>
    h('option', { value, selected: (localStorage.getItem(themeKey) ?? 'system') === value }, label)));
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zones = ['', 'UTC', ...(Intl.supportedValuesOf?.('timeZone') ?? [])].filter((z, i, all) => all.indexOf(z) === i);
  const zone = h('select', { id: 'setting-zone', 'aria-label': 'Time zone', onchange: () => {
    if (zone.value) localStorage.setItem(zoneKey, zone.value);
    else localStorage.removeItem(zoneKey);
    onZoneChange?.();
  } }, zones.map(z => h('option', { value: z, selected: (localStorage.getItem(zoneKey) ?? '') === z }, z || `Browser (${browserZone})`)));
  return [theme, zone];
}
