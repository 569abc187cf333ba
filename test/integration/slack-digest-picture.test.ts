/**
 * A digest with its health chart posted to a Slack channel while PUBLIC_URL cannot be reached
 * from the internet: Slack (the stand-in, test/fakes/slack-blocks.ts) tries to download the
 * image block's picture, cannot, and refuses the whole message with `invalid_blocks` /
 * `downloading image failed`. The bot sends it once more without the picture, its sentence in
 * its place, and logs it: the channel gets the digest once, with the sentence. The same
 * firing again (a worker that died after it) posts nothing more; a later message with the
 * same picture leaves it out at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSettled } from '../contract/settle.js';
import { FakeSlackApi, type SlackCall } from '../fakes/slack-api.js';
import type { TestApp } from '../helpers/app.js';
import { digestFiring } from '../helpers/digest.js';
import { eventually } from '../helpers/queue.js';
import { startSlackTestApp } from '../helpers/slack.js';

const ALLIANCE = 'energieregio-west';
/** A public URL no one outside reaches (a name that resolves nowhere). */
const PUBLIC = 'https://alliantiebot.unreachable.example';
const TREND = /Verbonden|Bijdragend/;

const api = new FakeSlackApi();
let t: TestApp;

const blocksOf = (c: SlackCall) => (c.args.blocks ?? []) as Record<string, unknown>[];
const digests = (calls: SlackCall[]) =>
  calls.filter((c) => String(c.args.text ?? '').startsWith('Weekoverzicht'));
const fire = (key: string) => t.app.engine.runJob(digestFiring(ALLIANCE, key));

beforeAll(async () => {
  await api.start();
  t = await startSlackTestApp(api, { PUBLIC_URL: PUBLIC });
});

afterAll(async () => {
  await t?.stop();
  await api.stop();
});

describe('a digest whose chart Slack cannot download', () => {
  it('arrives in the channel once, without the picture, with its sentence', async () => {
    await fire('schedule:picture-1');
    const refusals = () =>
      digests(api.rejected).filter((c) => c.result?.error === 'invalid_blocks');
    await eventually(() => refusals().length > 0 || 'Slack refused no digest', 15_000);
    const refused = refusals();
    // Slack's own refusal: the picture could not be downloaded, nothing was posted.
    const [first] = refused;
    const pointer = blocksOf(first as SlackCall).findIndex((b) => b.type === 'image');
    expect(first?.result?.errors).toEqual([
      `downloading image failed [json-pointer:/blocks/${pointer}/image_url]`,
    ]);
    expect(api.images.fetched.some((f) => f.url.startsWith(`${PUBLIC}/charts/`) && !f.ok)).toBe(
      true,
    );
    const channels = [...new Set(refused.map((c) => String(c.args.channel)))];
    await eventually(() => {
      const posted = digests(api.of('chat.postMessage'));
      return channels.every((ch) => posted.some((c) => c.args.channel === ch))
        ? true
        : `posted to ${posted.map((c) => c.args.channel)} of ${channels}`;
    }, 15_000);
    await appSettled(t);
    for (const channel of channels) {
      const posted = digests(api.of('chat.postMessage')).filter((c) => c.args.channel === channel);
      expect(posted).toHaveLength(1);
      const blocks = blocksOf(posted[0] as SlackCall);
      expect(blocks.some((b) => b.type === 'image')).toBe(false);
      const words = JSON.stringify(blocks);
      expect(words).toMatch(TREND);
      // Where the picture was: its sentence, the same the image's alt_text said.
      const alt = String(blocksOf(first as SlackCall)[pointer]?.alt_text);
      expect(words).toContain(JSON.stringify(alt).slice(1, -1));
    }
  });

  it('the same firing again posts nothing more, and Slack is not asked again', async () => {
    const before = digests(api.of('chat.postMessage')).length;
    const refusedBefore = digests(api.rejected).length;
    await fire('schedule:picture-1');
    await appSettled(t);
    expect(digests(api.of('chat.postMessage'))).toHaveLength(before);
    expect(digests(api.rejected)).toHaveLength(refusedBefore);
  });
});
