/** SMTP_URL and MAIL_FROM: e-mail is off without them, and a URL without a sender is refused. */
import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../../src/config/env.js';

describe('e-mail settings', () => {
  it('leaves e-mail off when SMTP_URL is unset', () => {
    expect(loadSettings({}).SMTP_URL).toBeUndefined();
  });

  it('takes an SMTP URL with its sender', () => {
    const s = loadSettings({
      SMTP_URL: 'smtps://bot:secret@mail.example.org:465',
      MAIL_FROM: 'Alliantiebot <bot@example.org>',
    });
    expect(s.SMTP_URL).toBe('smtps://bot:secret@mail.example.org:465');
    expect(s.MAIL_FROM).toBe('Alliantiebot <bot@example.org>');
  });

  it('refuses an SMTP URL without a sender, and what is not an SMTP URL', () => {
    expect(() => loadSettings({ SMTP_URL: 'smtp://mail.example.org:587' })).toThrow(
      /MAIL_FROM: required with SMTP_URL/,
    );
    expect(() =>
      loadSettings({ SMTP_URL: 'https://mail.example.org', MAIL_FROM: 'bot@example.org' }),
    ).toThrow(/SMTP_URL: an SMTP URL/);
  });
});
