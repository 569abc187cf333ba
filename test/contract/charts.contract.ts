/**
 * The health chart contract: after Anna (Gemeente Leiden) joined, her `gezondheid` answer and
 * her `overzicht` each show the health trend as a picture — Slack's image block, a Teams Image,
 * the web chat's <img> — with a text alternative that says the trend per building block in
 * words, and the picture is there when the platform (or the page) fetches it: a PNG for Slack
 * and Teams, an SVG for the web chat. The deployments have a PUBLIC_URL (the local one its own
 * address). One suite, run against every adapter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractDriver, SeenMessage } from './driver.js';
import { doIntake, flat, intake, waitFor } from './support.js';

/** What the chart says in words, as the health tally has it right after the intakes. */
const TREND =
  /^Grafiek van de laatste 8 weken \(nu, en wat het 8 weken geleden was\): Verbonden: 0 van \d+ partners?, was 0; Bijdragend: 0 van \d+ partners?, was 0; Samenwerkend: nog niet gemeten; Co-creërend: 0 van \d+ partners?, was 0\.$/;

export function runChartsContract(makeDriver: () => ContractDriver): void {
  const driver = makeDriver();
  const { newcomer: anna } = driver.people;

  /** Anna types a word privately; the new answer starting with `header`. */
  const ask = async (word: string, header: string): Promise<SeenMessage> => {
    const answers = async () =>
      (await driver.privateView(anna)).filter((m) => flat(m.text).startsWith(header));
    const before = (await answers()).length;
    await driver.sendDirect(anna, word);
    return waitFor(
      async () => {
        const now = await answers();
        return now.length > before ? now.slice(-1) : [];
      },
      () => true,
      `${header} for Anna`,
    );
  };

  /** The one picture of an answer: its words, and what the platform gets when it fetches it. */
  const chartOf = async (answer: SeenMessage) => {
    expect(answer.images ?? []).toHaveLength(1);
    const [image] = answer.images ?? [];
    if (!image) throw new Error('no picture');
    expect(image.url).toMatch(/\/charts\/[A-Za-z0-9_-]{43}\.(png|svg)$/);
    expect(image.alt).toMatch(TREND);
    const res = await driver.fetchImage(image.url);
    expect(res.status).toBe(200);
    const type = res.headers.get('content-type') ?? '';
    const body = Buffer.from(await res.arrayBuffer());
    if (type === 'image/png') expect(body.subarray(1, 4).toString('ascii')).toBe('PNG');
    else {
      expect(type).toBe('image/svg+xml; charset=utf-8');
      const svg = body.toString('utf8');
      for (const block of ['Verbonden', 'Bijdragend', 'Samenwerkend', 'Co-creërend'])
        expect(svg).toContain(block);
    }
    return { image, type };
  };

  describe(`health chart on ${driver.name}`, () => {
    beforeAll(async () => {
      await driver.start();
      await doIntake(driver, anna, intake(), driver.channel);
    });
    afterAll(() => driver.stop());

    it('gezondheid shows the trend as a picture with its text alternative', async () => {
      const answer = await ask('gezondheid', 'Gezondheid van');
      const { type } = await chartOf(answer);
      // Slack and Teams cannot show SVG: they get the PNG; the web chat the SVG.
      expect(type).toBe(
        driver.name === 'Slack' || driver.name === 'Teams'
          ? 'image/png'
          : 'image/svg+xml; charset=utf-8',
      );
      // The figures stay in words on the card itself too.
      expect(flat(answer.text)).toMatch(/Verbonden — .*0 van \d+ partners?, was 0 \(gelijk\)/);
    });

    it('overzicht shows the same trend as a picture with its text alternative', async () => {
      const answer = await ask('overzicht', 'Weekoverzicht');
      await chartOf(answer);
      expect(flat(answer.text)).toMatch(/Verbonden 0\/\d+ \(gelijk\)/);
    });
  });
}
