/**
 * Renders neutral messages as accessible HTML for the local web chat: cards as articles
 * with a heading and a description list, buttons as real buttons, forms with labels, hints
 * and errors tied to their inputs (aria-describedby, aria-invalid).
 *
 * The page around them (page.ts) has the conversation's name as its one h1, so a card's or
 * a form's title is an h2. Every piece of text is escaped (escape.ts); links come only from
 * a card's `links`, and only with a safe scheme; nothing in text ever becomes a link. The
 * markup has no inline script or style attributes, so a strict Content-Security-Policy holds.
 */
import { t } from '../../src/core/i18n/index.js';
import type { Card, Form, FormField, Image, OutboundMessage } from '../../src/core/messages.js';
import { cleanText } from '../clean-text.js';
import { escapeHtml, linkHref } from './escape.js';

/** Escaped text with line breaks kept (a blank line starts a paragraph). */
function paragraphs(value: string): string {
  return cleanText(value)
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** A card's link: an anchor when its URL is safe to follow, else only its label. */
function renderLink(label: string, url: string): string {
  const href = linkHref(url);
  if (href === undefined) return `<li>${escapeHtml(label)}</li>`;
  return `<li><a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${escapeHtml(label)}</a></li>`;
}

/**
 * A card's picture (a chart the bot serves): its SVG where there is one, else the raster, with
 * the text alternative as alt. The web chat and the chart live on the same server, so the
 * picture is asked of its own origin (its path), as the page's Content-Security-Policy wants.
 */
function renderImage(image: Image): string {
  const source = image.vectorUrl ?? image.url;
  let src: string;
  try {
    const url = new URL(source);
    src = `${url.pathname}${url.search}`;
  } catch {
    return `<p class="card-image-alt">${escapeHtml(image.alt)}</p>`;
  }
  return `<figure class="card-image"><img src="${escapeHtml(src)}" alt="${escapeHtml(image.alt)}" width="720" height="360" loading="lazy"></figure>`;
}

export function renderCard(card: Card, domId: string): string {
  const headingId = escapeHtml(`${domId}-h`);
  const parts: string[] = [
    card.header
      ? `<article class="card" aria-labelledby="${headingId}">`
      : '<article class="card">',
  ];
  if (card.header) parts.push(`<h2 id="${headingId}">${escapeHtml(card.header)}</h2>`);
  if (card.text) parts.push(`<div class="card-text">${paragraphs(card.text)}</div>`);
  if (card.fields.length > 0) {
    parts.push('<dl class="card-fields">');
    for (const f of card.fields) {
      parts.push(`<div><dt>${escapeHtml(f.label)}</dt><dd>${paragraphs(f.value)}</dd></div>`);
    }
    parts.push('</dl>');
  }
  if (card.image) parts.push(renderImage(card.image));
  if (card.links.length > 0) {
    parts.push('<ul class="card-links">');
    for (const l of card.links) parts.push(renderLink(l.label, l.url));
    parts.push('</ul>');
  }
  if (card.buttons.length > 0) {
    parts.push('<div class="card-actions">');
    for (const b of card.buttons) {
      const style = b.style ? ` btn-${b.style}` : '';
      const value = b.value === undefined ? '' : ` data-value="${escapeHtml(b.value)}"`;
      parts.push(
        `<button type="button" class="btn${style}" data-action-id="${escapeHtml(b.actionId)}"${value}>${escapeHtml(b.label)}</button>`,
      );
    }
    parts.push('</div>');
  }
  if (card.context.length > 0) {
    parts.push(
      `<footer class="card-context">${card.context.map((c) => `<small>${escapeHtml(c)}</small>`).join('')}</footer>`,
    );
  }
  parts.push('</article>');
  return parts.join('');
}

function shown(form: Form, field: FormField): string | string[] | undefined {
  const given = form.values?.[field.name];
  if (given !== undefined) return given;
  if (field.initial === undefined) return undefined;
  return typeof field.initial === 'number' ? String(field.initial) : field.initial;
}

function renderField(form: Form, field: FormField, domId: string): string {
  const id = escapeHtml(`${domId}-${field.name}`);
  const error = form.errors?.[field.name];
  const describedBy = [field.hint ? `${id}-hint` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  // Hint and error are read with the control; a group of checkboxes gets them on its
  // fieldset. `aria-required` only where the role has it (a group has not: axe's
  // aria-allowed-attr); a required group says so by having no "(optional)" in its legend,
  // like every required field.
  const described = `${describedBy ? ` aria-describedby="${describedBy}"` : ''}${error ? ' aria-invalid="true"' : ''}`;
  const aria = `${described}${field.required ? ' aria-required="true"' : ''}`;
  const optional = field.required
    ? ''
    : ` <span class="optional">(${escapeHtml(t(form.locale, 'form.optional'))})</span>`;
  const hint = field.hint ? `<p class="hint" id="${id}-hint">${escapeHtml(field.hint)}</p>` : '';
  const err = error ? `<p class="error" id="${id}-error">${escapeHtml(error)}</p>` : '';
  const value = shown(form, field);
  const name = escapeHtml(field.name);

  if (field.type === 'multiSelect') {
    const chosen = new Set(Array.isArray(value) ? value : value ? value.split(',') : []);
    const boxes = field.options
      .map((o, i) => {
        const boxId = `${id}-${i}`;
        const checked = chosen.has(o.value) ? ' checked' : '';
        return `<label class="check" for="${boxId}"><input type="checkbox" id="${boxId}" name="${name}" value="${escapeHtml(o.value)}"${checked}> ${escapeHtml(o.label)}</label>`;
      })
      .join('');
    return `<fieldset class="field" id="${id}"${described}><legend>${escapeHtml(field.label)}${optional}</legend>${hint}${err}<div class="checks">${boxes}</div></fieldset>`;
  }

  const label = `<label for="${id}">${escapeHtml(field.label)}${optional}</label>`;
  const current = typeof value === 'string' ? value : '';
  let control: string;
  switch (field.type) {
    case 'select': {
      const options = field.options
        .map(
          (o) =>
            `<option value="${escapeHtml(o.value)}"${o.value === current ? ' selected' : ''}>${escapeHtml(o.label)}</option>`,
        )
        .join('');
      control = `<select id="${id}" name="${name}"${aria}><option value=""${current ? '' : ' selected'}>—</option>${options}</select>`;
      break;
    }
    case 'longText':
      // The parser drops one new line right after <textarea>: this one, not the person's.
      control = `<textarea id="${id}" name="${name}" rows="3" maxlength="${field.maxLength}"${aria}>\n${escapeHtml(current)}</textarea>`;
      break;
    case 'number': {
      const range = `${field.min === undefined ? '' : ` min="${escapeHtml(String(field.min))}"`}${field.max === undefined ? '' : ` max="${escapeHtml(String(field.max))}"`}`;
      control = `<input type="number" id="${id}" name="${name}" value="${escapeHtml(current)}"${range}${aria}>`;
      break;
    }
    case 'date':
      control = `<input type="date" id="${id}" name="${name}" value="${escapeHtml(current)}"${aria}>`;
      break;
    case 'url':
      control = `<input type="url" id="${id}" name="${name}" value="${escapeHtml(current)}" maxlength="${field.maxLength}"${aria}>`;
      break;
    case 'text':
      control = `<input type="text" id="${id}" name="${name}" value="${escapeHtml(current)}" maxlength="${field.maxLength}"${aria}>`;
      break;
  }
  return `<div class="field">${label}${hint}${control}${err}</div>`;
}

export function renderForm(form: Form, domId: string): string {
  // Not `-title`: that is the id of a field named `title` (field names cannot start with `-`).
  const headingId = escapeHtml(`${domId}--heading`);
  const context = form.context === undefined ? '' : ` data-context="${escapeHtml(form.context)}"`;
  const fields = form.fields.map((f) => renderField(form, f, domId)).join('');
  const summary =
    form.errors && Object.keys(form.errors).length > 0
      ? `<p class="form-errors" role="alert">${escapeHtml(t(form.locale, 'errors.validation_failed'))}</p>`
      : '';
  return [
    `<form class="bot-form" lang="${escapeHtml(form.locale)}" data-form-id="${escapeHtml(form.id)}"${context} aria-labelledby="${headingId}" novalidate>`,
    `<h2 id="${headingId}">${escapeHtml(form.title)}</h2>`,
    form.intro ? `<p class="form-intro">${escapeHtml(form.intro)}</p>` : '',
    summary,
    fields,
    `<div class="form-actions"><button type="submit" class="btn btn-primary">${escapeHtml(form.submitLabel)}</button></div>`,
    '</form>',
  ].join('');
}

/** HTML for one message; `domId` makes element ids unique on the page. */
export function renderMessage(message: OutboundMessage, domId: string): string {
  switch (message.kind) {
    case 'text':
      return `<div class="text">${paragraphs(message.text)}</div>`;
    case 'card':
      return renderCard(message.card, domId);
    case 'form':
      return renderForm(message.form, domId);
  }
}
