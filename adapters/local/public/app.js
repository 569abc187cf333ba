// The local web chat in the browser: choose a persona, open a conversation, write, press
// buttons and submit forms. The server renders every message's body as HTML, with all text
// escaped (adapters/local/render.ts); that HTML is the only thing set with innerHTML here,
// everything else (names, times, titles, words) goes in as text. This script wires events
// and keeps the list in sync through Server-Sent Events.
//
// For screen readers the list is a live region (role="log", aria-live="polite"): a message
// added to it is read out. A conversation's history is not: it goes into a fresh list that
// replaces the old one as a whole, so opening a channel does not read its history aloud.
const words = JSON.parse(document.getElementById('words').textContent);
const $ = (id) => document.getElementById(id);
const state = { personas: [], persona: null, conversation: null, stream: null };

const RETRY_AFTER_MS = [300, 1000];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A request that did not get through (no answer, or a gateway's 502/503/504) is sent again,
// the same body with the same client id: the server recognises a retry by it and acts once.
async function api(path, body) {
  for (let attempt = 0; ; attempt++) {
    let res;
    try {
      res = await fetch(path, {
        method: body ? 'POST' : 'GET',
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
    } catch (err) {
      if (attempt >= RETRY_AFTER_MS.length) throw err;
      await sleep(RETRY_AFTER_MS[attempt]);
      continue;
    }
    if ([502, 503, 504].includes(res.status) && attempt < RETRY_AFTER_MS.length) {
      await sleep(RETRY_AFTER_MS[attempt]);
      continue;
    }
    if (!res.ok) throw new Error(`${res.status}`);
    return res.json();
  }
}

function setStatus(text) {
  $('status').textContent = text;
}

function messageElement(m) {
  const el = document.createElement('article');
  el.className = `message ${m.from.bot ? 'from-bot' : 'from-person'}${m.visibleTo ? ' ephemeral' : ''}`;
  el.dataset.messageId = m.id;
  el.dataset.updatedAt = m.updatedAt ?? '';
  const time = new Date(m.at).toLocaleTimeString(document.documentElement.lang, {
    hour: '2-digit',
    minute: '2-digit',
  });
  const meta = document.createElement('header');
  meta.className = 'meta';
  const who = document.createElement('strong');
  who.textContent = m.from.bot ? words['local.bot'] : m.from.name;
  const when = document.createElement('time');
  when.dateTime = m.at;
  when.textContent = time;
  meta.append(who, ' ', when);
  if (m.visibleTo) {
    const only = document.createElement('span');
    only.className = 'only-you';
    only.textContent = words['local.onlyYou'];
    meta.append(' · ', only);
  }
  const body = document.createElement('div');
  body.className = 'body';
  body.innerHTML = m.html; // rendered and escaped by the server (adapters/local/render.ts)
  el.append(meta, body);
  return el;
}

function shownMessage(id) {
  return $('messages').querySelector(`[data-message-id="${CSS.escape(id)}"]`);
}

// A bot form is a landmark named by its title. The same form can be in a conversation twice
// (asked for twice), and two landmarks of one name cannot be told apart: the second and later
// get their number in their title, for screen readers only ("Kennismaken (2)").
function nameFormsApart(list) {
  const seen = new Map();
  for (const form of list.querySelectorAll('form[aria-labelledby]')) {
    const title = document.getElementById(form.getAttribute('aria-labelledby'));
    if (!title) continue;
    let number = title.querySelector('.form-number');
    const name = [...title.childNodes]
      .filter((node) => node !== number)
      .map((node) => node.textContent)
      .join('')
      .trim();
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    if (n === 1) {
      number?.remove();
      continue;
    }
    if (!number) {
      number = document.createElement('span');
      number.className = 'form-number visually-hidden';
      title.append(number);
    }
    number.textContent = ` (${n})`;
  }
}

// `live`: it arrived just now (not from the history), so a form sent back with errors
// takes the focus to its first bad field (the first box of a group of checkboxes). A
// message that held the focus (a form just sent) hands it to what replaces it, so the
// keyboard stays where the person was.
function showMessage(m, replace, live) {
  const list = $('messages');
  list.querySelector('.empty')?.remove();
  const existing = shownMessage(m.id);
  const hadFocus = existing?.contains(document.activeElement) ?? false;
  const el = messageElement(m);
  if (existing) existing.replaceWith(el);
  else if (!replace) list.append(el);
  else return;
  nameFormsApart(list);
  list.scrollTop = list.scrollHeight;
  if (!live) return;
  const firstError = el.querySelector('[aria-invalid="true"]');
  const target = firstError?.matches('fieldset')
    ? firstError.querySelector('input, select, textarea')
    : firstError;
  if (target) target.focus();
  else if (hadFocus) {
    el.tabIndex = -1;
    el.focus();
  }
}

// A conversation's messages in a new list that takes the place of the old one: a live region
// reads out what is added to it, not what it held when it appeared.
function showHistory(messages) {
  const old = $('messages');
  const list = old.cloneNode(false);
  if (messages.length === 0) {
    const p = document.createElement('p');
    p.className = 'empty';
    p.textContent = words['local.empty'];
    list.append(p);
  }
  list.append(...messages.map(messageElement));
  old.replaceWith(list);
  nameFormsApart(list);
  list.scrollTop = list.scrollHeight;
}

// When the stream (re)connects: what was posted or changed while it was not listening.
async function catchUp() {
  const conv = state.conversation;
  if (!conv) return;
  const { messages } = await api(
    `/local/api/messages?as=${encodeURIComponent(state.persona.id)}&conversation=${encodeURIComponent(conv.id)}`,
  );
  if (state.conversation !== conv) return;
  for (const m of messages) {
    const existing = shownMessage(m.id);
    if (!existing) showMessage(m);
    else if (existing.dataset.updatedAt !== (m.updatedAt ?? '')) showMessage(m, true);
  }
}

async function openConversation(conv) {
  state.conversation = conv;
  for (const li of $('conversations').querySelectorAll('button')) {
    li.setAttribute('aria-current', li.dataset.id === conv.id ? 'true' : 'false');
  }
  $('conversation-title').textContent =
    conv.kind === 'direct' ? words['local.direct'] : `# ${conv.name}`;
  $('composer-input').placeholder =
    conv.kind === 'direct' ? words['local.placeholder.direct'] : words['local.placeholder.channel'];
  const { messages } = await api(
    `/local/api/messages?as=${encodeURIComponent(state.persona.id)}&conversation=${encodeURIComponent(conv.id)}`,
  );
  if (state.conversation !== conv) return;
  showHistory(messages);
  if (conv.kind === 'channel') {
    await api('/local/api/open', { as: state.persona.id, conversation: conv.id });
  }
}

function listen() {
  state.stream?.close();
  state.stream = new EventSource(`/local/api/stream?as=${encodeURIComponent(state.persona.id)}`);
  const onMessage = (replace) => (e) => {
    const m = JSON.parse(e.data);
    if (m.conversationId === state.conversation?.id) showMessage(m, replace, true);
  };
  state.stream.addEventListener('open', () => catchUp().catch(() => {}));
  state.stream.addEventListener('message', onMessage(false));
  state.stream.addEventListener('update', onMessage(true));
}

async function choosePersona(id) {
  state.persona = state.personas.find((p) => p.id === id) ?? state.personas[0];
  $('persona').value = state.persona.id;
  $('persona-description').textContent = state.persona.description;
  const ul = $('conversations');
  ul.replaceChildren();
  for (const conv of state.persona.conversations) {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.id = conv.id;
    button.textContent = conv.kind === 'direct' ? words['local.direct'] : `# ${conv.name}`;
    button.addEventListener('click', () => openConversation(conv));
    li.append(button);
    ul.append(li);
  }
  localStorage.setItem('alliantiebot.persona', state.persona.id);
  listen();
  await openConversation(state.persona.conversations[0]);
}

function clientId() {
  return crypto.randomUUID();
}

// A message that failed to send keeps its client id: sending the same words again to the same
// conversation is the same message (it may have arrived after all), never a second one.
let unsent = null;

$('composer').addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = $('composer-input');
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  const message = {
    as: state.persona.id,
    conversation: state.conversation.id,
    text,
  };
  const same =
    unsent &&
    unsent.as === message.as &&
    unsent.conversation === message.conversation &&
    unsent.text === text;
  message.clientId = same ? unsent.clientId : clientId();
  unsent = null;
  try {
    setStatus('');
    await api('/local/api/messages', message);
  } catch {
    unsent = message;
    input.value = text;
    setStatus(words['local.failed']);
  }
});

// While a press or a form is on its way its button says so (aria-disabled) and ignores more
// presses; it is not `disabled`, which would take the keyboard focus away from it.
function busy(button, on) {
  if (on) button.setAttribute('aria-disabled', 'true');
  else button.removeAttribute('aria-disabled');
}
const isBusy = (button) => button?.getAttribute('aria-disabled') === 'true';

// The list is replaced when a conversation opens: its events are caught on the chat around it.
const chat = document.querySelector('main');

chat.addEventListener('click', async (e) => {
  const button = e.target.closest('#messages button[data-action-id]');
  if (!button || isBusy(button)) return;
  const messageId = button.closest('[data-message-id]').dataset.messageId;
  busy(button, true);
  try {
    await api('/local/api/actions', {
      as: state.persona.id,
      conversation: state.conversation.id,
      messageId,
      actionId: button.dataset.actionId,
      value: button.dataset.value,
      clientId: clientId(),
    });
  } catch {
    setStatus(words['local.failed']);
  } finally {
    busy(button, false);
  }
});

chat.addEventListener('submit', async (e) => {
  const form = e.target.closest('#messages form.bot-form');
  if (!form) return;
  e.preventDefault();
  const submit = form.querySelector('button[type="submit"]');
  if (isBusy(submit)) return;
  const values = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    if (el.type === 'checkbox') {
      values[el.name] ??= [];
      if (el.checked) values[el.name].push(el.value);
    } else {
      values[el.name] = el.value;
    }
  }
  busy(submit, true);
  try {
    await api('/local/api/forms', {
      as: state.persona.id,
      conversation: state.conversation.id,
      messageId: form.closest('[data-message-id]').dataset.messageId,
      formId: form.dataset.formId,
      context: form.dataset.context,
      values,
      clientId: clientId(),
    });
  } catch {
    setStatus(words['local.failed']);
  } finally {
    busy(submit, false);
  }
});

$('persona').addEventListener('change', (e) => choosePersona(e.target.value));

const { personas } = await api('/local/api/personas');
state.personas = personas;
for (const p of personas) {
  const option = document.createElement('option');
  option.value = p.id;
  option.textContent = p.name;
  $('persona').append(option);
}
const asked = new URLSearchParams(location.search).get('as');
await choosePersona(asked ?? localStorage.getItem('alliantiebot.persona') ?? personas[0].id);
