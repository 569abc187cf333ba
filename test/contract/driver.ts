/**
 * The adapter contract: one suite of user-visible behaviour, run against every adapter
 * (local web chat, Slack, Teams) through a driver that speaks the platform's own protocol.
 * A driver acts as people do (write, press, submit, join a channel) and reports what each
 * person sees, in a platform-neutral shape.
 *
 * Every driver starts the app with the same alliance config (CONTRACT_CONFIG): the demo
 * alliance and a second alliance, each with its own channel (on Slack in its own workspace,
 * on Teams in its own tenant), so one deployment serves both.
 */

/** The config every driver starts the app with (test/fixtures/contract-alliances.yaml). */
export const CONTRACT_CONFIG = 'test/fixtures/contract-alliances.yaml';

/** What a person sees of one bot message (or a modal the bot opened for them). */
export interface SeenMessage {
  /** The platform's id of the message (or the modal's view id); it stays when it is updated. */
  id: string;
  /** Where it is shown: a conversation id, or `modal` for a modal opened for the person. */
  where: string;
  /** All visible text of the message, flattened (header, text, fields, context, labels). */
  text: string;
  /** Buttons the person can press. */
  buttons: { actionId: string; label: string }[];
  /**
   * Pictures in it (a chart: Slack's image block, a Teams Image, the web chat's <img>), each
   * with its text alternative, at the address the platform (or the page) asks for it.
   */
  images?: { url: string; alt: string }[];
  /** A form the person can fill in, if the message is one (inline or modal). */
  form?: { id: string; fields: string[]; errors: Record<string, string> };
  /** Only this person sees it (ephemeral). */
  visibleTo?: string;
  /**
   * The action id of a button that opens a form (platforms that cannot show a form without
   * an interactive trigger send one; pressing it shows the form).
   */
  formButton?: string;
  /**
   * Whether the bot changed it in place since it was first shown (Slack: chat.update or a
   * response_url post with replace_original; Teams: updateActivity; the web chat: the chat
   * log replaced it). What the other fields show is always its latest version.
   */
  updated: boolean;
}

/**
 * The people every driver can act as. Who they become is up to the suites: what a person
 * fills in makes them a member of a partner (the onboarding suites have Anna join Gemeente
 * Leiden and Pieter join Hoogheemraadschap van Rijnland, two different partners).
 */
export interface ContractPeople {
  /** Anna: not a member yet, in the alliance's workspace; of Gemeente Leiden. */
  newcomer: string;
  /** Emma: a second newcomer, with English as their language where the platform tells. */
  newcomerEn: string;
  /** Pieter: a third newcomer, of Hoogheemraadschap van Rijnland. */
  joiner: string;
  /** Joost: a coordinator of the alliance (named in the config). */
  coordinator: string;
  /** Fatima: the alliance's spokesperson (named in the config), who is not a coordinator. */
  spokesperson: string;
  /**
   * Sanne: a colleague of Anna at Gemeente Leiden, not a member yet, in the alliance's
   * workspace (she names her organisation in her own words).
   */
  colleague: string;
  /**
   * Bram: a person of the other alliance (Energieregio Rivierenland), in its own workspace
   * or tenant; `otherChannel` is that alliance's channel.
   */
  outsider: string;
  /**
   * Lotte: of Stedin, in Stedin's own workspace, a member of the alliance channel that is
   * shared with it (Slack Connect): her events carry her own team, the channel its home team.
   * Only drivers whose platform shares a channel across organisations have her (Slack).
   */
  guest?: string;
}

export interface ContractDriver {
  readonly name: string;
  readonly people: ContractPeople;
  /** The alliance channel (namespaced id) the bot posts introductions in. */
  readonly channel: string;
  /** The other alliance's channel (namespaced id), where `people.outsider` is. */
  readonly otherChannel: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Waits until the app has handled everything people did so far and delivered everything it
   * had to say about it (nothing waiting to be handled or sent): what a view shows after this
   * is all there will be. For checking that something was *not* said.
   */
  settled(): Promise<void>;
  /** The person writes to the bot in their private conversation. */
  sendDirect(userId: string, text: string): Promise<void>;
  /**
   * The person uses a command word in an alliance channel (slash command or @mention): the
   * driver's `channel` unless another is given.
   */
  commandInChannel(userId: string, text: string, channel?: string): Promise<void>;
  /** The person joins (or first opens) an alliance channel (the driver's `channel` by default). */
  joinChannel(userId: string, channel?: string): Promise<void>;
  /** The person presses a button on a message they see. */
  pressButton(userId: string, message: SeenMessage, actionId: string): Promise<void>;
  /**
   * The person presses a button just like one on a message someone else sees (same action
   * id, same value), from their own private conversation with the bot: a card that reached
   * the wrong person, or a press made by hand. What the app must judge by who presses.
   */
  pressButtonOn(userId: string, message: SeenMessage, actionId: string): Promise<void>;
  /** Submits a form; for modals returns the errors the platform shows next to the fields. */
  submitForm(
    userId: string,
    message: SeenMessage,
    values: Record<string, string | string[]>,
  ): Promise<{ errors?: Record<string, string> }>;
  /** Everything this person sees privately (direct conversation and modals), oldest first. */
  privateView(userId: string): Promise<SeenMessage[]>;
  /**
   * What the person sees in an alliance channel (the driver's `channel` unless another is
   * given), incl. ephemeral messages to them, oldest first.
   */
  channelView(userId: string, channel?: string): Promise<SeenMessage[]>;
  /**
   * Fetches a picture of a message as its platform would (Slack and Teams fetch what is under
   * the app's PUBLIC_URL; the page asks the web chat's own server): from the app under test.
   */
  fetchImage(url: string): Promise<Response>;
  /**
   * A schedule of the app fires now, as its queue worker would run it (`key`: this firing; a
   * retry has the same): the alliance's weekly digest, say.
   */
  fireSchedule(allianceId: string, flow: string, kind: string, key: string): Promise<void>;
}
