import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { REDACT_PATHS } from '../../src/log.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const log = pino({ redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, stream);
  return { log, lines };
}

describe('logs keep secrets and personal data out', () => {
  it('redacts tokens, e-mail addresses, names and typed text at the top and nested', () => {
    const { log, lines } = capture();
    log.info(
      {
        token: 'xoxb-secret',
        email: 'anna@leiden.nl',
        event: { text: 'mijn BSN is 123', actor: { displayName: 'Anna' } },
      },
      'x',
    );
    log.info(
      {
        req: { headers: { authorization: 'Bearer abc' } },
        member: { name: 'Anna de Vries', goals: 'vertrouwelijk' },
      },
      'y',
    );
    const out = lines.join('');
    for (const secret of [
      'xoxb-secret',
      'anna@leiden.nl',
      'mijn BSN',
      'Bearer abc',
      'Anna de Vries',
      'vertrouwelijk',
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('[redacted]');
  });
});
