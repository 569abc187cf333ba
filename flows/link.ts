/**
 * One person across platforms (`koppel` / `link`): the person types `koppel` on one platform
 * and is shown a one-time code, privately (a direct chat, or in a channel only to them — never
 * where others can read it); typing `koppel <code>` on the other platform links that identity
 * to the first. From then on the engine resolves the same member record and the config roles
 * of both identities whichever platform the person speaks from (src/store/links.ts,
 * src/engine/people.ts). Both accounts are told privately when a link is made.
 *
 * A code lives ten minutes and works once (two uses at the same moment: one wins); a person
 * may type five wrong codes per fifteen minutes, then is refused until the window ends. Bad
 * input gets a clear answer and stores nothing but the count of wrong codes (what is not a code
 * at all does not count); a refusal about the accounts rather than the code (same platform,
 * two introductions) does not use the code up.
 *
 * The merge rule: at most one of the two may have a member record (an introduction). The
 * identity with the record is the one the other links to; when neither has one (a
 * coordinator who never did the intake), the code's owner is. Two identities that each have
 * their own introduction are not merged: refused, with how to go on. Two identities of one
 * platform are never linked.
 *
 * `koppel los` / `link remove` unlinks the identity the person speaks from; `koppel` when
 * linked lists the linked identities with a button to unlink each. The member record stays
 * with the identity it was made on.
 */

import { commandWord } from '../src/core/commands.js';
import { BotError } from '../src/core/errors.js';
import type { Locale } from '../src/core/events.js';
import { joinList } from '../src/core/i18n/index.js';
import { platformOf } from '../src/core/ids.js';
import { text } from '../src/core/messages.js';
import type { Member } from '../src/domain/alliance.js';
import type { Flow, FlowContext } from '../src/engine/flow.js';
import type { OpenCode } from '../src/store/links.js';
import {
  CODE_TTL_SECONDS,
  EXAMPLE_CODE,
  MAX_WRONG_TRIES,
  newCode,
  readCode,
  TRIES_WINDOW_SECONDS,
} from './link-code.js';
import {
  codeCard,
  listCard,
  platformName,
  REMOVE_ACTION,
  REMOVE_WORDS,
  undoWords,
} from './link-views.js';
import { type LinkT, words } from './link-words.js';

const describeLink = (locale: Locale) => words.t(locale)('link.describe.link');
const describeRemove = (locale: Locale) => words.t(locale)('link.describe.remove');

/**
 * Platforms that show a message to one person inside a channel (an adapter's
 * `supportsEphemeral`). Elsewhere an answer in a channel goes to a direct chat the bot may not
 * be able to open (Teams, a guest of another tenant): there a code is not given, and the
 * person is told where they spoke to ask in a private chat.
 */
const PRIVATE_IN_CHANNEL = new Set(['slack', 'local']);

const occurrenceOf = (ctx: FlowContext) => `${ctx.event.platform}:${ctx.event.eventId}`;

/** `koppel`: the list of linked accounts, or a fresh code shown privately. */
async function start(ctx: FlowContext): Promise<void> {
  const t = words.t(ctx.locale);
  const group = await ctx.store.links.groupOf(ctx.alliance.id, ctx.userId);
  if (group.ids.length > 1) {
    ctx.reply(listCard(t, ctx.locale, ctx.alliance.name, ctx.userId, group.ids), {
      purpose: 'list',
    });
    return;
  }
  const { conversation, platform } = ctx.event;
  if (conversation.kind !== 'direct' && !PRIVATE_IN_CHANNEL.has(platform)) {
    ctx.send(
      { kind: 'conversation', id: conversation.id },
      text(t('link.privateOnly', { word: commandWord('link', ctx.locale) })),
      { purpose: 'private-only' },
    );
    return;
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newCode();
    const opened = await ctx.store.links.openCode(
      code,
      ctx.userId,
      ctx.alliance.id,
      CODE_TTL_SECONDS,
      ctx.now,
    );
    if (opened) {
      ctx.reply(codeCard(t, ctx.locale, ctx.userId, code), { purpose: 'code' });
      return;
    }
  }
  throw new BotError('internal', 'no free link code after five draws');
}

type Plan =
  | { kind: 'join'; primary: string; joining: string[]; from: string | undefined }
  | { kind: 'refuse'; answer: string };

async function memberOfGroup(ctx: FlowContext, ids: readonly string[]): Promise<Member | null> {
  for (const id of ids) {
    const member = await ctx.store.members.getMember(ctx.alliance.id, id);
    if (member) return member;
  }
  return null;
}

async function describeMember(ctx: FlowContext, t: LinkT, member: Member): Promise<string> {
  const partner = await ctx.store.members.getPartner(ctx.alliance.id, member.partnerId);
  return t('link.member', {
    name: member.name,
    partner: partner?.name ?? member.partnerId,
    platform: platformName(t, member.id),
  });
}

/** Whether (and how) the person speaking may join the code owner's identities. */
async function plan(ctx: FlowContext, t: LinkT, owner: string): Promise<Plan> {
  const { links } = ctx.store;
  const me = ctx.userId;
  const undo = undoWords(ctx.locale);
  if (platformOf(owner) === platformOf(me))
    return {
      kind: 'refuse',
      answer: t('link.error.samePlatform', { platform: platformName(t, me) }),
    };
  const theirs = await links.groupOf(ctx.alliance.id, owner);
  if (theirs.ids.includes(me)) return { kind: 'refuse', answer: t('link.error.already') };
  const mine = await links.groupOf(ctx.alliance.id, me);
  if (mine.ids.length > 1)
    return { kind: 'refuse', answer: t('link.error.linkedElsewhere', { undo }) };
  if (theirs.ids.some((id) => platformOf(id) === platformOf(me)))
    return {
      kind: 'refuse',
      answer: t('link.error.platformTaken', { platform: platformName(t, me), undo }),
    };
  const theirMember = await memberOfGroup(ctx, theirs.ids);
  const myMember = await memberOfGroup(ctx, [me]);
  if (theirMember && myMember) {
    return {
      kind: 'refuse',
      answer: t('link.error.twoMembers', {
        alliance: ctx.alliance.name,
        here: await describeMember(ctx, t, myMember),
        there: await describeMember(ctx, t, theirMember),
      }),
    };
  }
  // The identity with the introduction is the one the other links to.
  if (myMember)
    return {
      kind: 'join',
      primary: me,
      joining: theirs.ids,
      from: theirs.ids.length > 1 ? theirs.primary : undefined,
    };
  return { kind: 'join', primary: theirs.primary, joining: [me], from: undefined };
}

/** `koppel <code>`: links this identity to the code owner's. */
async function redeem(ctx: FlowContext, typed: string): Promise<void> {
  const t = words.t(ctx.locale);
  const { links } = ctx.store;
  const word = commandWord('link', ctx.locale);
  const answer = (key: string, message: string) => ctx.reply(text(message), { purpose: key });
  const code = readCode(typed);
  if (!code) {
    answer('format', t('link.error.format', { example: EXAMPLE_CODE, word }));
    return;
  }
  const occurrence = occurrenceOf(ctx);
  const open: OpenCode | undefined = await links.peekCode(code);
  // This very event used the code before (handled again after a crash): go on as then.
  const again = open?.by === occurrence;
  if (!again) {
    const tries = await links.takeTry(ctx.userId, MAX_WRONG_TRIES, TRIES_WINDOW_SECONDS);
    if (!tries.allowed) {
      const minutes = Math.ceil(tries.retryAfterSeconds / 60);
      answer('too-many', t('link.error.tooMany', { minutes }));
      return;
    }
  }
  if (!open) {
    answer('unknown', t('link.error.unknown', { minutes: CODE_TTL_SECONDS / 60, word }));
    return;
  }
  if (open.by && !again) {
    answer('used', t('link.error.used', { word }));
    return;
  }
  // From here on the code is a real one: a refusal is about the accounts, not a guess, and
  // the try taken for it is given back (none was taken when this event is handled again).
  const giveBack = async () => {
    if (!again) await links.refundTry(ctx.userId);
  };
  if (open.alliance !== ctx.alliance.id) {
    await giveBack();
    answer('other-alliance', t('link.error.otherAlliance', { alliance: ctx.alliance.name }));
    return;
  }
  if (again && (await links.groupOf(ctx.alliance.id, open.owner)).ids.includes(ctx.userId)) {
    // Linked the first time: say it again (the same keys: nothing goes out twice).
    await told(ctx, open);
    return;
  }
  const decided = await plan(ctx, t, open.owner);
  if (decided.kind === 'refuse') {
    await giveBack();
    answer('refused', decided.answer);
    return;
  }
  const claim = await links.claimCode(code, occurrence);
  if (claim === 'used' || claim === 'unknown') {
    // Someone used it (or it expired) between reading it and claiming it.
    answer(
      claim,
      claim === 'used'
        ? t('link.error.used', { word })
        : t('link.error.unknown', { minutes: CODE_TTL_SECONDS / 60, word }),
    );
    return;
  }
  await giveBack();
  const { primary, joining, from } = decided;
  if (!(await links.join(ctx.alliance.id, primary, joining, from, ctx.now)))
    throw new BotError('busy', 'the identities changed while linking; handled again');
  await told(ctx, open);
}

/**
 * Both accounts hear that they are linked, each privately, in the language of the member they
 * now are (the one they chose in their introduction), else the language they used.
 */
async function told(ctx: FlowContext, open: OpenCode): Promise<void> {
  const group = await ctx.store.links.groupOf(ctx.alliance.id, ctx.userId);
  const locale = (await memberOfGroup(ctx, group.ids))?.locale ?? ctx.locale;
  const t = words.t(locale);
  ctx.reply(
    text(
      t('link.linked.here', { platform: platformName(t, open.owner), alliance: ctx.alliance.name }),
    ),
    { purpose: 'linked' },
  );
  ctx.sendDirect(
    open.owner,
    text(
      t('link.linked.there', {
        platform: platformName(t, ctx.userId),
        alliance: ctx.alliance.name,
        undo: undoWords(locale),
      }),
    ),
    { purpose: 'linked-there' },
  );
}

/** Takes `target` (the speaker, or one of their linked identities) out of the link. */
async function unlink(ctx: FlowContext, target: string | undefined): Promise<void> {
  const t = words.t(ctx.locale);
  const group = await ctx.store.links.groupOf(ctx.alliance.id, ctx.userId);
  if (group.ids.length < 2) {
    ctx.reply(text(t('link.notLinked', { word: commandWord('link', ctx.locale) })), {
      purpose: 'not-linked',
    });
    return;
  }
  if (!target || !group.ids.includes(target)) {
    ctx.reply(text(t('link.notYours')), { purpose: 'not-yours' });
    return;
  }
  const separated = await ctx.store.links.separate(ctx.alliance.id, target);
  const me = ctx.userId;
  const lines =
    target === me
      ? [
          t('link.removed.here', {
            platforms: joinList(
              [...new Set(separated.map((id) => platformName(t, id)))],
              ctx.locale,
            ),
          }),
        ]
      : [t('link.removed.other', { platform: platformName(t, target) })];
  if (ctx.member)
    lines.push(t('link.removed.member', { platform: platformName(t, ctx.member.id) }));
  ctx.reply(text(lines.join(' ')), { purpose: 'unlinked' });
  // Each identity that lost its link to this one hears it privately, in the person's language.
  const told = target === me ? separated : [target];
  for (const id of told) {
    ctx.sendDirect(id, text(t('link.removed.there', { platform: platformName(t, me) })), {
      purpose: 'unlinked-there',
    });
  }
}

export const linkFlow: Flow = {
  id: 'link',
  subcommands: [
    {
      command: 'link',
      describe: describeLink,
      async run(ctx, args) {
        if (args.trim() === '') await start(ctx);
        else await redeem(ctx, args);
      },
    },
    {
      command: 'link',
      words: REMOVE_WORDS,
      describe: describeRemove,
      async run(ctx) {
        await unlink(ctx, ctx.userId);
      },
    },
  ],
  actions: [
    {
      id: REMOVE_ACTION,
      describe: describeRemove,
      async run(ctx, event) {
        await unlink(ctx, event.value);
      },
    },
  ],
};
