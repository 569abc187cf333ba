/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser).
 */
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * `locale` (e.g. `nl-NL`) sets the browser's own language, which date fields are shown in
 * (28-02-2027 rather than 02/28/2027); Chromium reads it from the environment (LANGUAGE,
 * LANG) and needs Debian's chromium-l10n for any language but American English. A page's
 * `locale` option does not reach those fields.
 */
export function launchBrowser(options: { locale?: string } = {}): Promise<Browser> {
  const language = options.locale?.replace('-', '_');
  return chromium.launch({
    executablePath: CHROMIUM,
    ...(language ? { env: { ...process.env, LANGUAGE: language, LANG: `${language}.UTF-8` } } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
