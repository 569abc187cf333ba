/**
 * Every form the flows declare (src/main.ts FLOWS), submitted through the engine with values
 * fast-check makes: the fields the form shows with fitting, unfitting, huge, empty and
 * ill-formed (lone surrogates, control characters) values, lists where a text is expected and
 * the other way round, fields left out and fields no form has. Never a crash: either the
 * values reach the flow's submit typed as the form's fields say, or errors come back per
 * field in the person's language (the language the form lets them choose, else their own:
 * the same values from a Dutch and an English speaker give the same fields, in two languages)
 * and nothing is stored. The forms are the ones the flows show (found by running every
 * subcommand and button as a coordinator who also speaks for the alliance, and the buttons
 * of the cards that shows, with their values: the reject form is behind a pending success's
 * approval card), so a new flow's forms are fuzzed as it declares them.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/core/events.js';
import type { Form, FormField } from '../../src/core/messages.js';
import type { Flow, FormSpec } from '../../src/engine/flow.js';
import { FLOWS } from '../../src/main.js';
import {
  CARLA,
  fakeAdapter,
  type Kit,
  kitAlliance,
  kitConfig,
  press,
  slash,
  startKit,
  submit,
} from '../helpers/flow-kit.js';

/** Runs per form (each submits twice: in Dutch and in English). */
const RUNS = Number(process.env.FUZZ_FORM_RUNS ?? 60);
const FORMS = FLOWS.flatMap((f) => f.forms ?? []);
/**
 * Per form a Dutch- and an English-speaking coordinator (and spokesperson) of their own (an
 * intake another form's fuzzing accepted would otherwise have chosen their language for them).
 */
const speakers = (formId: string) => ({
  nl: `local:kit:nl-${formId.replace(/\W/g, '-')}`,
  en: `local:kit:en-${formId.replace(/\W/g, '-')}`,
});

type Values = Record<string, string | string[]>;

/** What reached each form's submit, for the test to check (the flows are wrapped). */
const reached: { formId: string; values: unknown }[] = [];

function wrapped(flow: Flow): Flow {
  if (!flow.forms) return flow;
  return {
    ...flow,
    forms: flow.forms.map(
      (spec): FormSpec<unknown> => ({
        ...spec,
        async submit(ctx, values, event) {
          reached.push({ formId: spec.id, values });
          await spec.submit(ctx, values, event);
        },
      }),
    ),
  };
}

let kit: Kit;
const shown = new Map<string, Form>();

beforeAll(async () => {
  const everyone = [
    { name: 'Carla Coördinator', ids: [CARLA] },
    ...FORMS.flatMap((f) => [
      { name: 'Nederlandse coördinator', ids: [speakers(f.id).nl] },
      { name: 'English coordinator', ids: [speakers(f.id).en] },
    ]),
  ];
  kit = await startKit({
    flows: FLOWS.map(wrapped),
    config: kitConfig(
      kitAlliance({ coordinators: everyone, spokespersons: everyone, spokespersonApproval: true }),
    ),
    adapters: [fakeAdapter('local'), fakeAdapter('slack')],
  });
  // The forms as the flows show them: every subcommand and button, run by a coordinator.
  for (const flow of FLOWS) {
    const events = [
      ...(flow.subcommands ?? []).map((s) => slash(CARLA, s.command, s.words?.nl ?? '')),
      ...(flow.actions ?? []).map((a) => press(CARLA, a.id)),
    ];
    for (const event of events) {
      kit.dispatcher.clear();
      await kit.engine.handle(event);
      for (const e of kit.dispatcher.all)
        if (e.message.kind === 'form') shown.set(e.message.form.id, e.message.form);
    }
  }
  // Forms behind a record's card: a success proposed, the buttons of the card Carla gets to
  // decide on it pressed with their values (and those of the card they turn it into).
  const proposed = shown.get('successes.propose');
  kit.dispatcher.clear();
  if (proposed)
    await kit.engine.handle(
      submit(CARLA, proposed.id, {
        title: 'Zonnepark',
        story: 'Het park levert stroom.',
        otherPartners: 'Gemeente Katwijk',
        impactValue: '12',
        impactUnit: 'MW',
        link: 'https://example.org/zon',
      }),
    );
  for (let round = 0; round < 2; round++) {
    const buttons = kit.dispatcher.all.flatMap((e) =>
      e.message.kind === 'card'
        ? // Not the ones that decide it (approve, a quick reason): it stays pending.
          e.message.card.buttons.filter((b) => b.value && !/\.(approve|reason)\b/.test(b.actionId))
        : [],
    );
    kit.dispatcher.clear();
    for (const b of buttons) {
      await kit.engine.handle(press(CARLA, b.actionId, { value: b.value ?? '' }));
      for (const e of kit.dispatcher.all)
        if (e.message.kind === 'form') shown.set(e.message.form.id, e.message.form);
    }
  }
  await kit.store.state.clear('kit-alliantie', CARLA);
});
afterAll(async () => {
  await kit?.stop();
});

/** Any text, with the odd ones weighted up. */
const anyText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', ' ', '\u0000', '\u202e', '\ud800', '<b>x</b>', '0', '-1', 'NaN'),
  },
  {
    weight: 1,
    arbitrary: fc.string({ minLength: 2000, maxLength: 12_000, unit: 'grapheme-ascii' }),
  },
);

const yearsFromNow = (years: number) => new Date(Date.now() + years * 365.25 * 86_400_000);

/** A value that fits the field (the schema may still refuse it: a name taken, say). */
function fittingFor(field: FormField): fc.Arbitrary<string | string[]> {
  const options = 'options' in field ? field.options.map((o) => o.value) : [];
  const fitting: fc.Arbitrary<string | string[]> =
    field.type === 'multiSelect'
      ? fc.subarray(options)
      : field.type === 'select'
        ? fc.constantFrom(...(options.length > 0 ? options : ['x']))
        : field.type === 'date'
          ? // A date a person could mean (mostly the years around now, as a due or review date
            // is; now and then this century); odd ones come from anyText.
            fc
              .oneof(
                { weight: 3, arbitrary: fc.date({ min: yearsFromNow(-2), max: yearsFromNow(12) }) },
                {
                  weight: 1,
                  arbitrary: fc.date({
                    min: new Date('2000-01-01T00:00:00Z'),
                    max: new Date('2099-12-31T00:00:00Z'),
                  }),
                },
              )
              .filter((d) => !Number.isNaN(d.getTime()))
              .map((d) => d.toISOString().slice(0, 10))
          : field.type === 'number'
            ? fc.double({ noNaN: true }).map(String)
            : field.type === 'url'
              ? fc.webUrl()
              : /email/i.test(field.name)
                ? fc.oneof(
                    fc
                      .tuple(
                        fc.stringMatching(/^[a-z][a-z0-9.]{0,12}$/),
                        fc.stringMatching(/^[a-z]{2,10}$/),
                      )
                      .map(([local, domain]) => `${local}@${domain}.example`),
                    fc.emailAddress(),
                  )
                : fc.string({ minLength: 1, maxLength: field.maxLength });
  return fitting;
}

/** A value for a field: one that fits more often than not, else anything. */
function valueFor(field: FormField): fc.Arbitrary<string | string[]> {
  const fitting = fittingFor(field);
  return fc.oneof(
    { weight: 4, arbitrary: fitting },
    { weight: 2, arbitrary: anyText },
    { weight: 1, arbitrary: fc.array(anyText, { maxLength: 8 }) },
  );
}

function valuesFor(form: Form | undefined): fc.Arbitrary<Values> {
  const names = form?.fields.map((f) => f.name) ?? [];
  // One submission in three fills in every field fittingly; the others mix in anything.
  const known: fc.Arbitrary<Values> = form
    ? fc.oneof(
        {
          weight: 1,
          arbitrary: fc.record(Object.fromEntries(form.fields.map((f) => [f.name, fittingFor(f)]))),
        },
        {
          weight: 2,
          arbitrary: fc.record(Object.fromEntries(form.fields.map((f) => [f.name, valueFor(f)]))),
        },
      )
    : fc.constant({});
  // Now and then fields are left out.
  const dropped = fc.oneof(
    { weight: 4, arbitrary: fc.constant<string[]>([]) },
    { weight: 1, arbitrary: fc.subarray(names) },
  );
  const extra = fc.dictionary(
    fc.string({ minLength: 1, maxLength: 12 }),
    fc.oneof(anyText, fc.array(anyText, { maxLength: 3 })),
    { maxKeys: 3 },
  );
  return fc.tuple(known, dropped, extra).map(([k, drop, e]) => {
    const values: Values = { ...e, ...k };
    for (const name of drop) delete values[name];
    return values;
  });
}

/** Whether a value fits a field's type (what a flow's submit may rely on). */
function fits(field: FormField, value: unknown): boolean {
  if (value === undefined) return !field.required;
  switch (field.type) {
    case 'multiSelect':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'select':
      // A string; whether it is one of the options the schema checks, or the flow (a partner
      // chosen from a list that may have changed since the form was shown).
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'text':
    case 'longText':
      return typeof value === 'string' && [...value].length <= field.maxLength;
    default:
      return typeof value === 'string';
  }
}

/** Every key under the prefix with its value (less handled-event markers), in one round trip. */
async function stored(): Promise<Map<string, string>> {
  const keys = (await kit.keys()).filter((k) => !k.includes('done:{'));
  const pipeline = kit.redis.pipeline();
  for (const key of keys) pipeline.dumpBuffer(key);
  const values = (await pipeline.exec()) ?? [];
  return new Map(
    keys.map((k, i) => [k, String((values[i]?.[1] as Buffer | null)?.toString('base64'))]),
  );
}

/** The language a person's errors come in: the one they chose at the intake, else their own. */
async function languageOf(userId: string, own: Locale): Promise<Locale> {
  return (await kit.store.members.getMember('kit-alliantie', userId))?.locale ?? own;
}

async function submitAs(
  userId: string,
  locale: Locale,
  formId: string,
  values: Values,
): Promise<{ errors: Record<string, string> | undefined; reached: unknown[]; changed: boolean }> {
  const before = await stored();
  const from = reached.length;
  const result = await kit.engine.handle(submit(userId, formId, values, { locale }));
  expect(result.error ?? 'none').not.toBe('internal');
  const after = await stored();
  const changed = JSON.stringify([...before]) !== JSON.stringify([...after]);
  return {
    errors: result.formErrors,
    reached: reached.slice(from).map((r) => r.values),
    changed,
  };
}

describe('fuzzing every declared form through the engine', () => {
  it('finds a form the flows show for every form they declare', () => {
    expect(FORMS.length).toBeGreaterThan(0);
    for (const spec of FORMS) expect([...shown.keys()]).toContain(spec.id);
  });

  it.each(FORMS.map((spec) => [spec.id, spec] as const))(
    '%s: typed values reach submit, or errors per field in the person’s language',
    async (_id, spec) => {
      const form = shown.get(spec.id);
      const names = new Set([...(form?.fields.map((f) => f.name) ?? []), '_form']);
      let rejected = 0;
      let accepted = 0;
      let differentLanguages = 0;
      await fc.assert(
        fc.asyncProperty(valuesFor(form), async (values) => {
          const chosen = spec.localeOf?.(values);
          const who = speakers(spec.id);
          const nlLanguage = chosen ?? (await languageOf(who.nl, 'nl'));
          const enLanguage = chosen ?? (await languageOf(who.en, 'en'));
          const nl = await submitAs(who.nl, 'nl', spec.id, values);
          const en = await submitAs(who.en, 'en', spec.id, values);
          for (const [run, locale] of [
            [nl, 'nl'],
            [en, 'en'],
          ] as const) {
            // Whatever reached the flow is typed as the form's fields say.
            for (const typed of run.reached as Record<string, unknown>[])
              for (const field of form?.fields ?? [])
                expect(fits(field, typed[field.name]), `${field.name} (${locale})`).toBe(true);
            if (run.errors) {
              // Sent back by the schema, or by the flow itself (a name already taken):
              // either way nothing is half-written.
              rejected++;
              expect(run.reached.length).toBeLessThanOrEqual(1);
              expect(run.changed).toBe(false);
              for (const field of Object.keys(run.errors)) expect(names).toContain(field);
            } else {
              accepted++;
              expect(run.reached).toHaveLength(1);
            }
          }
          // Sent back to the first, who changed nothing: the same fields for the second, the
          // words in the language the form or each person chose.
          if (!nl.errors) return;
          expect(Object.keys(en.errors ?? {}).sort()).toEqual(Object.keys(nl.errors).sort());
          for (const field of Object.keys(nl.errors ?? {})) {
            if (nlLanguage === enLanguage) expect(nl.errors?.[field]).toBe(en.errors?.[field]);
            else expect(nl.errors?.[field]).not.toBe(en.errors?.[field]);
          }
          if (nlLanguage !== enLanguage) differentLanguages++;
        }),
        { numRuns: RUNS },
      );
      console.info(
        `[fuzz-forms] ${spec.id}: ${RUNS * 2} submissions, ${accepted} accepted, ${rejected} sent back with errors, ${differentLanguages} pairs answered in two languages`,
      );
      // Both outcomes were seen (the generator reaches past validation and short of it).
      expect(rejected).toBeGreaterThan(0);
      expect(accepted).toBeGreaterThan(0);
      // A form that lets the person choose its language answers in that one when they did.
      if (!spec.localeOf) expect(differentLanguages).toBeGreaterThan(0);
    },
    300_000,
  );
});
