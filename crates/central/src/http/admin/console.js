// The IT console: kiosks, profiles and today's queues, through the central's own API.
// Every text that comes from the server is put in the page as text, never as HTML.

const API = '/api/v1';
const TOKEN_KEY = 'central-admin-token';
const REFRESH_MS = 5000;

const $ = (id) => document.getElementById(id);

const state = {
  token: sessionStorage.getItem(TOKEN_KEY),
  profiles: [],
  offices: [],
  kioskRows: new Map(),
  editing: null, // { id, name, version } of the profile in the editor; null for a new one
  timer: null,
};

/** An element with attributes and children (strings become text). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Calls the API; answers `{ status, body }`. A refused token signs out. */
async function api(method, path, body) {
  const headers = { Authorization: `Bearer ${state.token}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(API + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    return { status: 0, body: { error: 'unreachable', message: 'The central server does not answer.' } };
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = { error: 'http_error', message: `HTTP ${response.status}` };
  }
  if (response.status === 401) {
    signOut('The token was refused. Sign in again.');
  }
  return { status: response.status, body: data };
}

function time(rfc3339) {
  if (!rfc3339) return '—';
  const at = new Date(rfc3339);
  return Number.isNaN(at.getTime()) ? rfc3339 : at.toLocaleString();
}

function profileName(id) {
  const profile = state.profiles.find((p) => p.id === id);
  return profile ? profile.name : `profile ${id}`;
}

// ---- Signing in and out ----

async function signIn(event) {
  event.preventDefault();
  const token = $('token').value.trim();
  $('login-error').textContent = '';
  if (!token) {
    $('login-error').textContent = 'Write the admin token.';
    $('token').focus();
    return;
  }
  state.token = token;
  const answer = await api('GET', '/kiosks');
  if (answer.status === 200) {
    sessionStorage.setItem(TOKEN_KEY, token);
    $('token').value = '';
    await start();
  } else if (answer.status === 403) {
    state.token = null;
    $('login-error').textContent = 'This token is not an admin token.';
  } else if (answer.status !== 401) {
    state.token = null;
    $('login-error').textContent = answer.body.message;
  }
}

function signOut(message = '') {
  sessionStorage.removeItem(TOKEN_KEY);
  state.token = null;
  clearInterval(state.timer);
  state.timer = null;
  state.kioskRows.clear();
  $('kiosks').tBodies[0].replaceChildren();
  $('console').hidden = true;
  $('sign-out').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message;
  $('token').focus();
}

async function start() {
  $('login').hidden = true;
  $('console').hidden = false;
  $('sign-out').hidden = false;
  const offices = await api('GET', '/offices');
  state.offices = offices.status === 200 ? offices.body : [];
  await refresh();
  clearInterval(state.timer);
  state.timer = setInterval(refresh, REFRESH_MS);
}

async function refresh() {
  if (!state.token) return;
  await refreshProfiles();
  await Promise.all([refreshFleet(), refreshQueues()]);
}

// ---- Kiosks ----

async function refreshFleet() {
  const answer = await api('GET', '/kiosks');
  if (answer.status !== 200) {
    $('fleet-status').textContent = `Could not read the kiosks: ${answer.body.message}`;
    return;
  }
  const seen = new Set();
  const body = $('kiosks').tBodies[0];
  for (const kiosk of answer.body) {
    seen.add(kiosk.id);
    let row = state.kioskRows.get(kiosk.id);
    if (!row) {
      row = kioskRow(kiosk);
      state.kioskRows.set(kiosk.id, row);
      body.append(row.tr);
    }
    updateKioskRow(row, kiosk);
  }
  for (const [id, row] of state.kioskRows) {
    if (!seen.has(id)) {
      row.tr.remove();
      state.kioskRows.delete(id);
    }
  }
  const online = answer.body.filter((k) => k.online).length;
  $('fleet-status').textContent =
    `${online} of ${answer.body.length} kiosks online. Updated ${new Date().toLocaleTimeString()}; refreshes every ${REFRESH_MS / 1000} seconds.`;
}

function kioskRow(kiosk) {
  const cells = {};
  const tr = el('tr', { 'data-kiosk': kiosk.id });
  for (const name of ['kiosk', 'office', 'state', 'heartbeat', 'app', 'printer', 'profile', 'error']) {
    cells[name] = el(name === 'kiosk' ? 'th' : 'td', name === 'kiosk' ? { scope: 'row' } : {});
    tr.append(cells[name]);
  }
  const select = el('select', { id: `assign-${kiosk.id}` });
  const label = el('label', { for: `assign-${kiosk.id}`, class: 'visually-hidden' });
  const message = el('span', { class: 'status', role: 'status' });
  const button = el('button', { type: 'button', class: 'secondary' }, 'Assign');
  button.addEventListener('click', () => assign(kiosk.id, select, message));
  tr.append(el('td', {}, el('div', { class: 'assign' }, label, select, button), message));
  return { tr, cells, select, label, button, optionsKey: '' };
}

function updateKioskRow(row, kiosk) {
  const name = kiosk.name ?? 'Not started yet';
  row.cells.kiosk.replaceChildren(name, el('br'), el('small', {}, `kiosk ${kiosk.id}`));
  row.cells.office.textContent = kiosk.office;
  row.cells.state.replaceChildren(
    el('span', { class: kiosk.online ? 'online' : 'offline' }, kiosk.online ? 'Online' : 'Offline'),
  );
  if (kiosk.check_in_locked_until) {
    // Too many wrong booking codes: check-in by code waits; by name still works.
    row.cells.state.append(
      el('br'),
      el('span', { class: 'locked', 'data-testid': 'check-in-locked' },
        `Check-in by code locked until ${time(kiosk.check_in_locked_until)} (wrong codes)`),
    );
  }
  row.cells.heartbeat.textContent = time(kiosk.last_heartbeat);
  row.cells.app.textContent = kiosk.app_version ?? '—';
  row.cells.printer.textContent = kiosk.printer ?? '—';
  row.cells.error.textContent = kiosk.last_error ?? '—';

  const running = kiosk.profile_version == null
    ? 'Its own file'
    : `${profileName(kiosk.profile_id)} v${kiosk.profile_version}`;
  const assigned = kiosk.assigned_profile;
  const current = assigned && assigned.id === kiosk.profile_id && assigned.version === kiosk.profile_version;
  const note = !assigned
    ? 'No profile assigned'
    : current
      ? `Assigned ${assigned.name} v${assigned.version}: up to date`
      : `Assigned ${assigned.name} v${assigned.version}: not running yet`;
  row.cells.profile.replaceChildren(running, el('br'), el('small', {}, note));
  row.tr.classList.toggle('behind', Boolean(assigned) && !current);

  row.label.textContent = `Profile for kiosk ${name} (${kiosk.id})`;
  // Options change only when the profiles do, so a choice being made is never reset.
  const choices = state.profiles.filter((p) => p.office === kiosk.office);
  const key = JSON.stringify([choices.map((p) => [p.id, p.name]), assigned?.id ?? null]);
  if (key !== row.optionsKey && document.activeElement !== row.select) {
    row.optionsKey = key;
    row.select.replaceChildren(
      el('option', { value: '' }, 'No profile'),
      ...choices.map((p) => el('option', { value: String(p.id) }, p.name)),
    );
    row.select.value = assigned ? String(assigned.id) : '';
  }
}

async function assign(kioskId, select, message) {
  const profile = select.value === '' ? null : Number(select.value);
  message.textContent = 'Assigning…';
  const answer = await api('PUT', `/kiosks/${kioskId}/profile`, { profile });
  if (answer.status === 200) {
    message.textContent = profile === null
      ? 'No profile assigned.'
      : `Assigned; the kiosk gets it at its next heartbeat.`;
    const row = state.kioskRows.get(kioskId);
    if (row) updateKioskRow(row, answer.body);
  } else {
    message.textContent = answer.body.message;
  }
}

// ---- Profiles ----

async function refreshProfiles() {
  const answer = await api('GET', '/profiles');
  if (answer.status !== 200) return;
  state.profiles = answer.body;
  renderProfiles();
}

let profilesKey = '';
function renderProfiles() {
  const key = JSON.stringify(state.profiles.map((p) => [p.id, p.name, p.version]));
  const body = $('profiles').tBodies[0];
  if (key === profilesKey || body.contains(document.activeElement)) return;
  profilesKey = key;
  body.replaceChildren(
    ...state.profiles.map((p) =>
      el('tr', {},
        el('th', { scope: 'row' }, p.name),
        el('td', {}, p.office),
        el('td', {}, `v${p.version}`),
        el('td', {}, time(p.updated_at)),
        el('td', {}, el('button', {
          type: 'button',
          class: 'secondary',
          'aria-label': `Edit ${p.name}`,
          onclick: () => openEditor(p),
        }, 'Edit')),
      )),
  );
  if (state.profiles.length === 0) {
    body.append(el('tr', {}, el('td', { colspan: 5 }, 'No profile yet.')));
  }
}

function starterDocument() {
  const office = state.offices[0]?.id ?? 'hn-ba-dinh';
  return [
    `office = "${office}"`,
    'default_language = "vi"',
    'languages = ["vi", "en"]',
    'idle_timeout_seconds = 90',
    'home_actions = ["ticket", "documents", "appointment", "online"]',
    '',
    '[branding]',
    'primary_colour = "#0b4a94"',
    'header_colour = "#9e1b1b"',
    'background_colour = "#f3f5f8"',
    '',
    '[accessibility]',
    'text_size = "normal"',
    '',
  ].join('\n');
}

function clearResult() {
  $('save-result').replaceChildren();
  $('problems').replaceChildren();
  $('problems-box').hidden = true;
}

function newProfile() {
  state.editing = null;
  $('editor').hidden = false;
  $('editor-title').textContent = 'New profile';
  $('name-row').hidden = false;
  $('version-row').hidden = true;
  $('profile-name').value = '';
  $('document').value = starterDocument();
  clearResult();
  $('profile-name').focus();
}

function openEditor(profile) {
  state.editing = { id: profile.id, name: profile.name, version: profile.version };
  $('editor').hidden = false;
  $('name-row').hidden = true;
  $('document').value = profile.document;
  showEditing();
  clearResult();
  $('document').focus();
}

function showEditing() {
  const { name, version } = state.editing;
  $('editor-title').textContent = `Edit ${name} (version ${version})`;
  const select = $('version-select');
  select.replaceChildren(
    ...Array.from({ length: version }, (_, i) => version - i).map((v) =>
      el('option', { value: String(v) }, v === version ? `Version ${v} (latest)` : `Version ${v}`)),
  );
  select.value = String(version);
  $('version-row').hidden = version < 2;
}

async function showVersion() {
  if (!state.editing) return;
  const version = $('version-select').value;
  const answer = await api('GET', `/profiles/${state.editing.id}/versions/${version}`);
  clearResult();
  if (answer.status === 200) {
    $('document').value = answer.body.document;
    if (Number(version) !== state.editing.version) {
      $('save-result').append(el('p', {},
        `Showing version ${version}. Saving makes it version ${state.editing.version + 1}.`));
    }
  } else {
    $('save-result').append(el('p', { class: 'error' }, answer.body.message));
  }
}

function showProblems(problems) {
  const list = $('problems');
  list.replaceChildren(
    ...problems.map((p) => el('li', {}, el('code', {}, p.field), `: ${p.message}`)),
  );
  $('problems-box').hidden = false;
  $('problems-box').setAttribute('tabindex', '-1');
  $('problems-box').focus();
}

async function save(event) {
  event.preventDefault();
  clearResult();
  const text = $('document').value;
  const editing = state.editing;
  $('save').disabled = true;
  const answer = editing
    ? await api('PUT', `/profiles/${editing.id}`, { document: text, base_version: editing.version })
    : await api('POST', '/profiles', { name: $('profile-name').value, document: text });
  $('save').disabled = false;
  const result = $('save-result');
  if (answer.status === 200 || answer.status === 201) {
    const saved = answer.body;
    state.editing = { id: saved.id, name: saved.name, version: saved.version };
    $('name-row').hidden = true;
    showEditing();
    result.append(el('p', { class: 'saved' }, `Saved as version ${saved.version}.`));
    profilesKey = '';
    await refreshProfiles();
    await refreshFleet();
  } else if (answer.body.error === 'stale_profile_version') {
    result.append(
      el('p', { class: 'error' },
        `Someone saved version ${answer.body.latest_version} of this profile meanwhile. ` +
        'Reload it, then make your change again.'),
      el('button', { type: 'button', onclick: reloadLatest }, 'Reload the latest version'),
    );
    result.querySelector('button').focus();
  } else if (Array.isArray(answer.body.problems)) {
    result.append(el('p', { class: 'error' }, 'Not saved: fix the problems listed.'));
    showProblems(answer.body.problems);
  } else if (answer.body.error === 'profile_name_taken') {
    showProblems([{ field: 'name', message: answer.body.message }]);
  } else {
    result.append(el('p', { class: 'error' }, `Not saved: ${answer.body.message}`));
  }
}

async function reloadLatest() {
  if (!state.editing) return;
  const answer = await api('GET', `/profiles/${state.editing.id}`);
  if (answer.status === 200) openEditor(answer.body);
}

// ---- Queues ----

async function refreshQueues() {
  const sections = await Promise.all(state.offices.map(async (office) => {
    const answer = await api('GET', `/offices/${encodeURIComponent(office.id)}/queues`);
    // Office and queue names are Vietnamese in an English page: marked so, a screen
    // reader reads them with a Vietnamese voice.
    const title = el('h3', { lang: 'vi' }, office.name);
    if (answer.status !== 200) {
      return el('div', { class: 'office-queues' }, title, el('p', { class: 'error' }, answer.body.message));
    }
    const q = answer.body;
    return el('div', { class: 'office-queues' },
      title,
      el('p', {}, `Waiting area: ${q.lobby.occupancy} of ${q.lobby.capacity} places in use.`),
      // On a narrow screen the table scrolls sideways inside its own box, which the
      // keyboard can reach and scroll; the page itself never does.
      el('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': `Queue table of ${office.name}` },
      el('table', {},
        el('caption', {}, 'Queues of ', el('span', { lang: 'vi' }, office.name)),
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col' }, 'Queue'),
          el('th', { scope: 'col' }, 'Waiting'),
          el('th', { scope: 'col' }, 'Counters open'),
          el('th', { scope: 'col' }, 'Estimated wait'))),
        el('tbody', {}, ...q.groups.map((g) => el('tr', {},
          el('th', { scope: 'row' }, `${g.service_group} — `, el('span', { lang: 'vi' }, g.name.vi)),
          el('td', {}, String(g.waiting)),
          el('td', {}, String(g.counters_open)),
          el('td', {}, `${g.estimated_wait_minutes} min`)))),
      )));
  }));
  $('queues').replaceChildren(...sections);
}

// ---- Start ----

document.addEventListener('DOMContentLoaded', () => {
  $('login-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', () => signOut());
  $('new-profile').addEventListener('click', newProfile);
  $('editor-form').addEventListener('submit', save);
  $('close-editor').addEventListener('click', () => {
    $('editor').hidden = true;
    $('new-profile').focus();
  });
  $('version-select').addEventListener('change', showVersion);
  if (state.token) start();
  else $('token').focus();
});
