/**
 * Reading Slack's refusal of a picture it could not download, and the message without it: the
 * image block replaced by its words, the URL remembered for the next attempt.
 */
import { describe, expect, it } from 'vitest';
import { RefusedImages, refusedImages } from '../../../../adapters/slack/images.js';

const refusal = (pointer: string) => ({
  code: 'slack_webapi_platform_error',
  data: {
    ok: false,
    error: 'invalid_blocks',
    errors: [`downloading image failed [json-pointer:${pointer}]`],
    response_metadata: { messages: [`[ERROR] downloading image failed [json-pointer:${pointer}]`] },
  },
});

describe("Slack's refusal of a picture", () => {
  it('names the image blocks of a message and of a view', () => {
    expect(refusedImages(refusal('/blocks/3/image_url'))).toEqual([3]);
    expect(refusedImages(refusal('\\/view\\/blocks\\/1\\/image_url'))).toEqual([1]);
  });

  it('is not any other invalid_blocks, nor another error', () => {
    expect(refusedImages(refusal('/blocks/0/text'))).toBeUndefined();
    expect(refusedImages({ data: { error: 'channel_not_found' } })).toBeUndefined();
    expect(refusedImages(new Error('network'))).toBeUndefined();
  });

  it('leaves a refused picture out, its words in its place, from then on', () => {
    const blocks = [
      { type: 'section', text: { type: 'mrkdwn', text: 'Weekoverzicht' } },
      {
        type: 'image',
        image_url: 'https://x.example/charts/a.png',
        alt_text: 'Verbonden: 3 van 7',
      },
    ];
    const refused = new RefusedImages();
    expect(refused.without(blocks)).toEqual(blocks);
    expect(refused.add(blocks, [1])).toEqual(['https://x.example/charts/a.png']);
    expect(refused.without(blocks)).toEqual([
      blocks[0],
      { type: 'section', text: { type: 'plain_text', text: 'Verbonden: 3 van 7', emoji: false } },
    ]);
  });
});
