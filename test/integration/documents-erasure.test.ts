/**
 * A sharer who asks to be forgotten: their document stays for the alliance, credited to their
 * organisation, and nothing of them is left in Redis (their id and name, scanned in every
 * key). A sharer without an organisation leaves nothing to credit: the document goes.
 */
import { describe, expect, it } from 'vitest';
import { personalTraces } from '../helpers/personal-scan.js';
import { doc, KIT, MIA, PIA, useDocumentsKit } from './documents-setup.js';

const dk = useDocumentsKit();

async function forget(userId: string, name: string): Promise<void> {
  for (const holder of dk.kit.store.personalData())
    await holder.eraseFor({ allianceId: KIT, userIds: [userId], names: [name] });
}

describe('a sharer who asks to be forgotten', () => {
  it('leaves the document, credited to their organisation, and nothing of them', async () => {
    await dk.handle(dk.share(PIA, doc({ title: 'Netkaart 2030', reviewOn: '2099-01-01' })));
    expect(await dk.docsSeenBy(MIA, 'netkaart')).toContain('Gedeeld door Pia Provincie');
    await forget(PIA, 'Pia Provincie');
    const seen = await dk.docsSeenBy(MIA, 'netkaart');
    expect(seen).toContain('Netkaart 2030');
    expect(seen).toContain('Gedeeld door Provincie Zuid-Holland');
    expect(seen).not.toContain('Pia');
    expect(
      await personalTraces(dk.kit.redis, dk.kit.prefix, { ids: [PIA], names: ['Pia Provincie'] }),
    ).toEqual([]);
  });

  it('removes the document of a sharer without an organisation', async () => {
    await dk.handle(dk.share(MIA, doc({ title: 'Losse notitie' })));
    expect(await dk.docsSeenBy(PIA, 'notitie')).toContain('Losse notitie');
    await forget(MIA, 'Mia');
    expect(await dk.docsSeenBy(PIA, 'notitie')).not.toContain('Losse notitie');
  });
});
