/**
 * The adapter contract: one suite of user-visible behaviour, run against every adapter
 * (local web chat, Slack, Teams) through a driver that speaks the platform's own protocol.
 * A driver acts as people do (write, press, submit, join a channel) and reports what each
 * person sees, in a platform-neutral shape.
 */

/** What a person sees of one bot message (or a modal the bot opened for them). */
export interface SeenMessage {
  /** The platform's id of the message (or the modal's view id). */
  id: string;
  /** Where it is shown: a conversation id, or `modal` for a modal opened for the person. */
  where: string;
  /** All visible text of the message, flattened (header, text, fields, context, labels). */
  text: string;
  /** Buttons the person can press. */
  buttons: { actionId: string; label: string }[];
  /** A form the person can fill in, if the message is one (inline or modal). */
  form?: { id: string; fields: string[]; errors: Record<string, string> };
  /** Only this person sees it (ephemeral). */
  visibleTo?: string;
  /**
   * The action id of a button that opens a form (platforms that cannot show a form without
   * an interactive trigger send one; pressing it shows the form).
   */
  formButton?: string;
}

export interface ContractPeople {
  /** A person who is not a member yet, in the alliance's workspace. */
  newcomer: string;
  /** A second newcomer, with English as their language where the platform tells. */
  newcomerEn: string;
  /** A third newcomer, who joins the alliance channel before doing anything else. */
  joiner: string;
  /** A coordinator of the alliance (named in the config). */
  coordinator: string;
}

export interface ContractDriver {
  readonly name: string;
  readonly people: ContractPeople;
  /** The alliance channel (namespaced id) the bot posts introductions in. */
  readonly channel: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The person writes to the bot in their private conversation. */
  sendDirect(userId: string, text: string): Promise<void>;
  /** The person uses a command word in the alliance channel (slash command or @mention). */
  commandInChannel(userId: string, text: string): Promise<void>;
  /** The person joins (or first opens) the alliance channel. */
  joinChannel(userId: string): Promise<void>;
  pressButton(userId: string, message: SeenMessage, actionId: string): Promise<void>;
  /** Submits a form; for modals returns the errors the platform shows next to the fields. */
  submitForm(
    userId: string,
    message: SeenMessage,
    values: Record<string, string | string[]>,
  ): Promise<{ errors?: Record<string, string> }>;
  /** Everything this person sees privately (direct conversation and modals), oldest first. */
  privateView(userId: string): Promise<SeenMessage[]>;
  /** What the person sees in the alliance channel (incl. ephemeral messages to them). */
  channelView(userId: string): Promise<SeenMessage[]>;
}
