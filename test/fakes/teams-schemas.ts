/**
 * The official schemas for Teams (../shared/schemas): Adaptive Cards 1.5 and the app
 * manifest. Both are draft-04 style (`id`, not `$id`); Ajv 8 reads them once `id` is renamed
 * and `$schema` dropped in memory (neither uses draft-04's boolean exclusiveMinimum).
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function load(file: string): object {
  const schema = JSON.parse(readFileSync(`../shared/schemas/${file}`, 'utf8')) as Record<
    string,
    unknown
  >;
  const { $schema: _drop, id, ...rest } = schema;
  return typeof id === 'string' ? { $id: id, ...rest } : rest;
}

function compile(file: string): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  return ajv.compile(load(file));
}

let card: ValidateFunction | undefined;

/** Validates one Adaptive Card; returns the errors (none when valid). */
export function adaptiveCardErrors(value: unknown): string[] {
  card ??= compile('adaptive-card-1.5.schema.json');
  return card(value) ? [] : (card.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

export function manifestErrors(value: unknown, version: string): string[] {
  const validate = compile(`teams-manifest-${version}.schema.json`);
  return validate(value)
    ? []
    : (validate.errors ?? []).map(
        (e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`,
      );
}
