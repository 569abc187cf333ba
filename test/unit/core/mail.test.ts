/**
 * The mail port's own rendering: everything written is escaped in the HTML part (element
 * content and attributes alike), control and bidirectional-override characters go, and the
 * plain-text part keeps the words as written. A subject is one line.
 */
import { describe, expect, it } from 'vitest';
import { escapeHtml, MailMessageSchema, renderMail } from '../../../src/core/mail.js';

describe('escapeHtml', () => {
  it('makes markup characters inert', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;',
    );
  });

  it('escapes an ampersand once, before the rest', () => {
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });

  it('drops control characters and bidirectional overrides, keeps line breaks and tabs', () => {
    expect(escapeHtml('a\u0000b\u202Ec\u2066d\ne\tf\u007F')).toBe('abcd\ne\tf');
  });
});

describe('renderMail', () => {
  const doc = {
    locale: 'en' as const,
    subject: 'Hi <there>',
    heading: 'Welcome <b>',
    paragraphs: ['Line one\nline "two"'],
    sections: [{ title: 'Rules & more', items: ['<img src=x onerror=alert(1)>'] }],
    footer: "Why: 'because'",
  };

  it('writes the plain-text part as written', () => {
    const { text } = renderMail(doc);
    expect(text).toBe(
      'Welcome <b>\n\nLine one\nline "two"\n\nRules & more\n- <img src=x onerror=alert(1)>\n\n--\nWhy: \'because\'\n',
    );
  });

  it('writes the HTML part with nothing written turned into markup', () => {
    const { html } = renderMail(doc);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<title>Hi &lt;there&gt;</title>');
    expect(html).toContain('>Welcome &lt;b&gt;</h1>');
    expect(html).toContain('<p>Line one<br>line &quot;two&quot;</p>');
    expect(html).toContain('>Rules &amp; more</h2>');
    expect(html).toContain('<li>&lt;img src=x onerror=alert(1)&gt;</li>');
    expect(html).toContain('Why: &#39;because&#39;</p>');
    expect(html).not.toMatch(/<(img|b|script)[\s>]/);
  });
});

describe('MailMessageSchema', () => {
  it('makes a subject one line and wants an address', () => {
    const m = MailMessageSchema.parse({
      to: 'a@example.org',
      subject: 'Hello\r\nBcc: evil@example.org',
      text: 't',
      html: '<p>t</p>',
    });
    expect(m.subject).toBe('Hello Bcc: evil@example.org');
    expect(MailMessageSchema.safeParse({ ...m, to: 'not an address' }).success).toBe(false);
  });
});
