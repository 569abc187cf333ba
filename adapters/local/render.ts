/**
 * Renders neutral messages as accessible HTML for the local web chat: cards as articles
 * with a heading and a description list, buttons as real buttons, forms with labels, hints
 * and errors tied to their inputs (aria-describedby, aria-invalid). Everything is escaped.
 */
import { t } from '../../src/core/i18n/index.js';
import type { Card, Form, FormField, OutboundMessage } from '../../src/core/messages.js';
import { escapeHtml } from '../../src/http/util.js';

export { escapeHtml };

/** Escaped text with line breaks kept. */
function paragraphs(value: string): string {
  return value
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

function safeUrl(url: string): string {
  return /^https?:\/\//i.test(url) ? url : '#';
}

export function renderCard(card: Card, domId: string): string {
  const headingId = `${domId}-h`;
  const parts: string[] = [
    `<article class="card" ${card.header ? `aria-labelledby="${headingId}"` : ''}>`,
  ];
  if (card.header) parts.push(`<h3 id="${headingId}">${escapeHtml(card.header)}</h3>`);
  if (card.text) parts.push(`<div class="card-text">${paragraphs(card.text)}</div>`);
  if (card.fields.length > 0) {
    parts.push('<dl class="card-fields">');
    for (const f of card.fields) {
      parts.push(`<div><dt>${escapeHtml(f.label)}</dt><dd>${paragraphs(f.value)}</dd></div>`);
    }
    parts.push('</dl>');
  }
  if (card.links.length > 0) {
    parts.push('<ul class="card-links">');
    for (const l of card.links) {
      parts.push(
        `<li><a href="${escapeHtml(safeUrl(l.url))}" target="_blank" rel="noopener noreferrer">${escapeHtml(l.label)}</a></li>`,
      );
    }
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
  const id = `${domId}-${field.name}`;
  const error = form.errors?.[field.name];
  const describedBy = [field.hint ? `${id}-hint` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  const aria = `${describedBy ? ` aria-describedby="${describedBy}"` : ''}${error ? ' aria-invalid="true"' : ''}${field.required ? ' aria-required="true"' : ''}`;
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
    return `<fieldset class="field" id="${id}"${aria}><legend>${escapeHtml(field.label)}${optional}</legend>${hint}${err}<div class="checks">${boxes}</div></fieldset>`;
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
      control = `<textarea id="${id}" name="${name}" rows="3" maxlength="${field.maxLength}"${aria}>${escapeHtml(current)}</textarea>`;
      break;
    case 'number': {
      const range = `${field.min === undefined ? '' : ` min="${field.min}"`}${field.max === undefined ? '' : ` max="${field.max}"`}`;
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
  const headingId = `${domId}-title`;
  const context = form.context === undefined ? '' : ` data-context="${escapeHtml(form.context)}"`;
  const fields = form.fields.map((f) => renderField(form, f, domId)).join('');
  const summary =
    form.errors && Object.keys(form.errors).length > 0
      ? `<p class="form-errors" role="alert">${escapeHtml(t(form.locale, 'errors.validation_failed'))}</p>`
      : '';
  return [
    `<form class="bot-form" lang="${form.locale}" data-form-id="${escapeHtml(form.id)}"${context} aria-labelledby="${headingId}" novalidate>`,
    `<h3 id="${headingId}">${escapeHtml(form.title)}</h3>`,
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
