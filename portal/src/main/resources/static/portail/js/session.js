// Who am I: the caller's login, kept for the browser tab (sessionStorage) and sent as HTTP Basic to the same
// services as everyone else (WMS, WFS, /rest, /api): there is no second access path. The header's session area
// says what the caller sees, from /api/me (the access levels the server's policy gives this caller).

const KEY = 'obs.authorization';

/** The Authorization header value of the logged-in caller, or null for the public. */
export function authorization() {
  return sessionStorage.getItem(KEY);
}

/** fetch() with the caller's credentials; X-Requested-With keeps the browser's own login dialog away on a 401. */
export function authFetch(url, options = {}) {
  const headers = new Headers(options.headers || {});
  headers.set('X-Requested-With', 'XMLHttpRequest');
  const auth = authorization();
  if (auth) {
    headers.set('Authorization', auth);
  }
  return fetch(url, {...options, headers});
}

/** fetch() that fails on an HTTP error, with the status in the message. */
export async function fetchOk(url, options) {
  const response = await authFetch(url, options);
  if (!response.ok) {
    throw new Error(url.split('?')[0] + ' : HTTP ' + response.status);
  }
  return response;
}

/**
 * An OpenLayers image or tile loader: with a login, the image is fetched with the credentials and shown from a
 * blob URL; without one, the browser loads it directly (and may cache it).
 */
export function imageLoader(imageOrTile, src) {
  const image = imageOrTile.getImage();
  if (!authorization()) {
    image.src = src;
    return;
  }
  authFetch(src).then(r => r.ok ? r.blob() : Promise.reject(new Error('HTTP ' + r.status)))
    .then(blob => {
      const url = URL.createObjectURL(blob);
      image.addEventListener('load', () => URL.revokeObjectURL(url), {once: true});
      image.src = url;
    })
    .catch(() => image.dispatchEvent(new Event('error')));
}

/** What a caller sees, in words, from the access levels /api/me gives per layer. */
export function viewName(me) {
  if (!me.user) {
    return 'Vue publique';
  }
  const levels = new Set(Object.values(me.accessLevels || {}));
  const parts = [];
  if (levels.has('full')) {
    parts.push('instructeur : localisations exactes de toutes les observations');
  } else {
    if ([...levels].some(l => l.split('+').includes('partner'))) {
      parts.push('partenaire : localisations exactes des espèces non sensibles');
    }
    if ([...levels].some(l => l.split('+').some(p => p.startsWith('producer-')))) {
      parts.push('producteur : localisations exactes de ses propres jeux de données');
    }
  }
  if (parts.length === 0) {
    parts.push('vue publique');
  }
  return me.user + ' — ' + parts.join(' ; ');
}

/** The caller as the server knows it (resolves once per page). */
export const me = authFetch('/api/me').then(async r => {
  if (r.status === 401 && authorization()) {
    // the stored login no longer works (password changed, account removed): back to the public view
    sessionStorage.removeItem(KEY);
    return (await fetch('/api/me')).json();
  }
  return r.json();
});

function basic(user, password) {
  const bytes = new TextEncoder().encode(user + ':' + password);
  return 'Basic ' + btoa(String.fromCharCode(...bytes));
}

async function login(event) {
  event.preventDefault();
  const form = event.target;
  const error = document.getElementById('session-error');
  error.textContent = '';
  const auth = basic(form.user.value, form.password.value);
  const r = await fetch('/api/me', {headers: {'Authorization': auth, 'X-Requested-With': 'XMLHttpRequest'}});
  if (r.ok) {
    sessionStorage.setItem(KEY, auth);
    location.reload();
  } else if (r.status === 429) {
    error.textContent = 'Trop d\'essais : réessayez dans ' + (r.headers.get('Retry-After') || 'quelques') + ' s.';
  } else {
    error.textContent = 'Identifiant ou mot de passe incorrect.';
  }
}

function setUp() {
  const open = document.getElementById('session-open');
  const close = document.getElementById('session-close');
  const form = document.getElementById('session-form');
  if (!open) {
    return;
  }
  open.addEventListener('click', () => {
    form.hidden = !form.hidden;
    open.setAttribute('aria-expanded', String(!form.hidden));
    if (!form.hidden) {
      form.user.focus();
    }
  });
  form.addEventListener('submit', login);
  close.addEventListener('click', () => {
    sessionStorage.removeItem(KEY);
    location.reload();
  });
  me.then(who => {
    document.getElementById('session-view').textContent = viewName(who);
    open.hidden = Boolean(who.user);
    close.hidden = !who.user;
    document.body.dataset.session = who.user ? 'connecte' : 'public';
  });
}

setUp();
