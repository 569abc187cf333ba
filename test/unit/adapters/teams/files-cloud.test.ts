/**
 * Bots cannot send files in every Teams cloud (Microsoft's "Send and receive files using bot":
 * not in GCC High, DoD or Teams operated by 21Vianet). There the adapter offers no file consent
 * card and the core sends the card with the one-time download link instead.
 */
import { describe, expect, it } from 'vitest';
import { filesSupported, MICROSOFT_SERVICE_HOSTS } from '../../../../adapters/teams/service-url.js';

describe('file consent cards per Teams cloud', () => {
  it('are offered in the public cloud and GCC', () => {
    for (const host of [
      'smba.trafficmanager.net',
      'smba.onyx.prod.teams.trafficmanager.net',
      'smba.infra.gcc.teams.microsoft.com',
    ]) {
      expect(filesSupported(`https://${host}/emea/`), host).toBe(true);
    }
  });

  it('are not offered in GCC High, DoD or 21Vianet (host names in any case)', () => {
    for (const host of [
      'smba.infra.gov.teams.microsoft.us',
      'SMBA.INFRA.DOD.TEAMS.MICROSOFT.US',
      'frontend.botapi.msg.infra.teams.microsoftonline.cn',
    ]) {
      expect(filesSupported(`https://${host}/`), host).toBe(false);
    }
  });

  it('cover every Microsoft host the bot talks to, and nothing that is not a URL', () => {
    const refused = MICROSOFT_SERVICE_HOSTS.filter((h) => !filesSupported(`https://${h}/`));
    expect(refused).toHaveLength(3);
    expect(filesSupported('not a url')).toBe(false);
    // A local stand-in (TEAMS_SERVICE_URL_ALLOW) behaves as the public cloud.
    expect(filesSupported('http://127.0.0.1:3978/')).toBe(true);
  });
});
