/**
 * A privacy export as a file, through the real app and the platforms' stand-ins. On Slack the
 * JSON arrives as a file in the person's DM with the bot (files.getUploadURLExternal → the
 * bytes → files.completeUploadExternal), its card beside it; an upload Slack refuses gives the
 * card with the one-time download link instead. On Teams a file consent card comes in the
 * personal chat: accepted, the bytes go to the upload session (one Content-Range) and a file
 * info card follows; declined, or the upload failing, the card with the download link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import {
  eventually,
  fixture,
  startTeamsHarness,
  TENANT,
  type TeamsHarness,
} from '../fakes/teams-app.js';
import { consentCardOf, FILE_INFO, fileConsentInvoke } from '../fakes/teams-files.js';
import type { TestApp } from '../helpers/app.js';
import { registerMember } from '../helpers/members.js';
import { postSlashCommand, startSlackTestApp } from '../helpers/slack.js';

const A = 'energieregio-west';
const NAME = 'Anna de Vries';
const PUBLIC_URL = 'https://alliantiebot.example';

async function register(store: Store, id: string): Promise<void> {
  await registerMember(store, {
    allianceId: A,
    userId: id,
    partnerId: 'gemeente-leiden',
    partnerName: 'Gemeente Leiden',
    partnerType: 'gemeente',
    name: NAME,
    role: 'Beleidsadviseur',
    goals: 'Zon op daken',
    offers: 'Kennis',
    needs: 'Netcapaciteit',
  });
}

const ExportShape = (json: unknown) =>
  json as { person: { ids: string[] }; data: { kind: string; records: unknown[] }[] };

describe('a privacy export on Slack', () => {
  const api = new FakeSlackApi();
  let t: TestApp;
  let url: string;
  const ANNA = 'U0ANNA0001';
  const DM = `D${ANNA.slice(1)}`;

  beforeAll(async () => {
    await api.start();
    t = await startSlackTestApp(api, { PUBLIC_URL });
    url = `${t.baseUrl}/slack/events`;
    await register(t.app.store, `slack:T0DEMO01:${ANNA}`);
  });
  afterAll(async () => {
    await t?.stop();
    await api.stop();
  });

  it('arrives as a file in her DM with the bot, the JSON of her data, its card beside it', async () => {
    const res = await postSlashCommand(url, api, { user: ANNA, text: 'privacy inzien' });
    expect(res.status).toBe(200);
    const [file] = await eventually(() => {
      const shared = api.files.inChannel(DM);
      return shared.length > 0 ? shared : undefined;
    }, 40_000);
    const bytes = file?.bytes?.toString('utf8') ?? '';
    expect(file?.length).toBe(file?.bytes?.length);
    expect(file?.name).toBe(`alliantiebot-${A}-export.json`);
    expect(file?.title).toBe(`Alles wat de bot over ${NAME} bewaart (JSON)`);
    const json = ExportShape(JSON.parse(bytes));
    expect(json.person.ids).toContain(`slack:T0DEMO01:${ANNA}`);
    const members = json.data.find((p) => p.kind === 'members');
    expect(JSON.stringify(members?.records)).toContain(NAME);
    // The card: the summary, pointing at the file, no download link (the file was used up).
    const card = await eventually(() => {
      const post = api.of('chat.postMessage').find((c) => c.args.channel === DM);
      return post;
    }, 40_000);
    const shown = JSON.stringify(card.args);
    expect(shown).toContain(`Wat de bot over ${NAME} bewaart`);
    expect(shown).toContain('Alles staat in het JSON-bestand bij dit bericht.');
    // What each kind is kept for, in her language (Dutch), not in English.
    expect(shown).toContain('wie iemand is in de alliantie (naam, organisatie');
    expect(shown).not.toContain('who a person is in the alliance');
    expect(shown).not.toContain('/privacy/export/');
    expect(api.of('files.completeUploadExternal')[0]?.args).toMatchObject({
      channel_id: DM,
      files: [{ id: file?.id, title: file?.title }],
    });
  }, 60_000);

  it('gives the one-time download link instead when Slack refuses the upload', async () => {
    const before = api.of('chat.postMessage').length;
    api.failNext(1, 503, 'files.getUploadURLExternal');
    await postSlashCommand(url, api, { user: ANNA, text: 'privacy export' });
    const card = await eventually(() => {
      const post = api
        .of('chat.postMessage')
        .slice(before)
        .find((c) => c.args.channel === DM);
      return post;
    }, 40_000);
    expect(JSON.stringify(card.args)).toMatch(
      /https:\/\/alliantiebot\.example\/privacy\/export\/[\w-]{43}/,
    );
    expect(api.files.inChannel(DM)).toHaveLength(1);
  }, 60_000);

  it('refuses to complete an upload whose bytes never came, or whose length was wrong', async () => {
    const issued = api.files.uploadUrl({ filename: 'x.json', length: 5 });
    const id = String(issued.file_id);
    expect(api.files.complete({ files: [{ id }], channel_id: DM }, Date.now())).toMatchObject({
      ok: false,
      error: 'file_not_found',
    });
    const short = await fetch(String(issued.upload_url), { method: 'POST', body: 'abc' });
    expect(short.status).toBe(400);
    expect(api.files.complete({ files: [{ id: 'F0NOSUCH' }] }, Date.now()).error).toBe(
      'file_not_found',
    );
  });
});

describe('a privacy export on Teams', () => {
  let h: TeamsHarness;
  const AAD = '40000000-0000-0000-0000-00000000f11e';
  const base = fixture('message_personal');
  const conversation = String((base.conversation as { id: string }).id);
  const activity = (text: string) => ({
    ...base,
    id: `files-${Date.now()}-${Math.random().toString(36).slice(2)}`,
    serviceUrl: h.connector.url,
    from: { id: '29:1annaFiles', name: NAME, aadObjectId: AAD },
    conversation: { conversationType: 'personal', tenantId: TENANT, id: conversation },
    channelData: { tenant: { id: TENANT } },
    text,
  });

  beforeAll(async () => {
    h = await startTeamsHarness({ PUBLIC_URL });
    await register(h.app.app.store, `teams:${TENANT}:${AAD}`);
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** Asks for the export; returns the consent card and the id of the activity it came in. */
  async function ask(): Promise<{ card: Record<string, unknown>; replyToId: string }> {
    const before = h.connector.posted(conversation).length;
    expect((await h.post(activity('privacy inzien'))).status).toBe(200);
    const sent = await eventually(
      () =>
        h.connector
          .posted(conversation)
          .slice(before)
          .find((c) => consentCardOf(c.body)),
      40_000,
    );
    const card = consentCardOf(sent.body);
    if (!card) throw new Error('no consent card');
    return { card, replyToId: String(sent.result) };
  }

  it('offers a consent card; accepted, the bytes go to her OneDrive and a file card follows', async () => {
    const { card, replyToId } = await ask();
    const content = card.content as { sizeInBytes: number; description: string };
    expect(card.name).toBe(`alliantiebot-${A}-export.json`);
    expect(content.description).toBe(`Alles wat de bot over ${NAME} bewaart (JSON)`);
    const session = h.connector.oneDrive.session(String(card.name), content.sizeInBytes);
    const before = h.connector.posted(conversation).length;
    const invoke = fileConsentInvoke(activity(''), card, 'accept', session, replyToId);
    const res = await h.post(invoke);
    expect(res.status).toBe(200);
    expect(session.range).toBe(`bytes 0-${content.sizeInBytes - 1}/${content.sizeInBytes}`);
    const json = ExportShape(JSON.parse(session.bytes?.toString('utf8') ?? '{}'));
    expect(json.person.ids).toContain(`teams:${TENANT}:${AAD}`);
    expect(JSON.stringify(json.data)).toContain(NAME);
    const info = h.connector
      .posted(conversation)
      .slice(before)
      .flatMap((c) => (c.body.attachments as Record<string, unknown>[] | undefined) ?? [])
      .find((a) => a.contentType === FILE_INFO);
    expect(info).toMatchObject({
      contentUrl: session.contentUrl,
      name: session.name,
      content: { uniqueId: session.uniqueId, fileType: 'json' },
    });
    // Handled again (Teams retries an invoke): nothing is uploaded or sent twice.
    const after = h.connector.posted(conversation).length;
    expect((await h.post({ ...invoke, id: `${invoke.id}-again` })).status).toBe(200);
    expect(h.connector.posted(conversation)).toHaveLength(after);
  }, 60_000);

  it('accepted but the upload fails, she gets the one-time download link instead', async () => {
    const { card } = await ask();
    const content = card.content as { sizeInBytes: number };
    // An upload session OneDrive no longer has (404).
    const session = {
      ...h.connector.oneDrive.session(String(card.name), content.sizeInBytes),
      uploadUrl: `${h.connector.url}onedrive/upload/gone`,
    };
    const before = h.connector.posted(conversation).length;
    expect((await h.post(fileConsentInvoke(activity(''), card, 'accept', session))).status).toBe(
      200,
    );
    const after = h.connector.posted(conversation).slice(before);
    expect(after.map((c) => JSON.stringify(c.body)).join()).toContain(
      `${PUBLIC_URL}/privacy/export/`,
    );
    expect(
      after.flatMap((c) => (c.body.attachments as { contentType: string }[]) ?? []),
    ).not.toContainEqual(expect.objectContaining({ contentType: FILE_INFO }));
  }, 60_000);

  it('declined, she gets the one-time download link instead', async () => {
    const { card } = await ask();
    const before = h.connector.posted(conversation).length;
    const res = await h.post(fileConsentInvoke(activity(''), card, 'decline'));
    expect(res.status).toBe(200);
    const link = h.connector
      .posted(conversation)
      .slice(before)
      .map((c) => JSON.stringify(c.body))
      .find((b) => b.includes(`${PUBLIC_URL}/privacy/export/`));
    expect(link).toContain('Download alles (JSON, één keer, 24 uur geldig)');
  }, 60_000);
});
