import type { ErrorObject } from 'ajv';
import { placeField, singular, withArticle } from './field-words.js';
import { pruneUnions } from './prune-unions.js';
import { childSchema, type SchemaLike, type Segment, splitPath } from './schema-at.js';

/** One problem with a config field, in words: where it is and what to do. */
export interface ConfigProblem {
  /** Path inside the config, `cases[0].when` (the designer puts the message on that field). */
  path: string;
  /** Where the field sits, outermost first: `["case 'Germany'"]`. */
  where: string[];
  /** What is wrong, said at the field: "the condition is empty", "choose a team". */
  phrase: string;
}

const TYPE_WORDS: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'yes or no',
  array: 'a list',
  object: 'a set of settings',
  null: 'empty',
};
const FORMAT_WORDS: Record<string, string> = {
  email: 'an email address',
  uri: 'a web address (https://…)',
  url: 'a web address (https://…)',
  'date-time': 'a date and time',
  date: 'a date',
  time: 'a time',
  hostname: 'a host name',
  uuid: 'an id',
  ipv4: 'an IP address',
  'iana-time-zone': 'a time zone such as Europe/Berlin',
};

/** Whether a field is picked from the team model (a team, a rep, a lead field) rather than typed. */
const isChoice = (schema: SchemaLike | undefined): boolean => Boolean(schema?.['x-picker']);

function pathOf(segments: readonly Segment[]): string {
  return segments.reduce<string>(
    (path, segment) => (typeof segment === 'number' ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment),
    '',
  );
}

function pointerSegments(pointer: string): Segment[] {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** What one ajv error says about the field it names, in a person's words. */
function phraseFor(error: ErrorObject, root: SchemaLike, config: unknown): ConfigProblem {
  const params = error.params as Record<string, unknown>;
  let segments = pointerSegments(error.instancePath);
  if (error.keyword === 'required') segments = [...segments, String(params.missingProperty)];
  if (error.keyword === 'additionalProperties') {
    const place = placeField(root, config, segments);
    return {
      path: pathOf([...segments, String(params.additionalProperty)]),
      where: segments.length ? [...place.where, place.title] : [],
      phrase: `'${String(params.additionalProperty)}' is not a known setting`,
    };
  }
  const place = placeField(root, config, segments);
  const the = place.item ? place.title : `the ${place.title}`;
  const limit = params.limit as number;
  const choice = isChoice(place.schema) || isChoice(childSchema(place.schema, 0));
  let phrase: string;
  switch (error.keyword) {
    case 'required':
      phrase = choice ? `choose ${withArticle(place.title)}` : `${the} is missing`;
      break;
    case 'minLength':
      phrase = choice
        ? `choose ${withArticle(place.title)}`
        : limit <= 1
          ? `${the} is empty`
          : `${the} needs at least ${limit} characters`;
      break;
    case 'maxLength':
      phrase = `${the} is too long (at most ${limit} characters)`;
      break;
    case 'pattern':
      phrase = `${the} is not in the expected form`;
      break;
    case 'format':
      phrase = `${the} must be ${FORMAT_WORDS[String(params.format)] ?? `a valid ${String(params.format)}`}`;
      break;
    case 'minimum':
      phrase = `${the} must be at least ${limit}`;
      break;
    case 'exclusiveMinimum':
      phrase = `${the} must be more than ${limit}`;
      break;
    case 'maximum':
      phrase = `${the} must be at most ${limit}`;
      break;
    case 'exclusiveMaximum':
      phrase = `${the} must be less than ${limit}`;
      break;
    case 'multipleOf':
      phrase = `${the} must be a multiple of ${String(params.multipleOf)}`;
      break;
    case 'type':
      phrase = `${the} must be ${String(params.type)
        .split(',')
        .map((type) => TYPE_WORDS[type] ?? type)
        .join(' or ')}`;
      break;
    case 'enum':
      phrase = `${the} must be one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
      break;
    case 'const':
      phrase = `${the} must be ${String(params.allowedValue)}`;
      break;
    case 'minItems':
      phrase = limit === 1 ? `add at least one ${singular(place.title)}` : `add at least ${limit} ${place.title}`;
      break;
    case 'maxItems':
      phrase = `${the} may have at most ${limit}`;
      break;
    case 'uniqueItems':
      phrase = `${the} lists the same value twice`;
      break;
    case 'minProperties':
      phrase = `${the} needs at least ${limit} ${limit === 1 ? 'entry' : 'entries'}`;
      break;
    default:
      // A union cut down by pruneUnions carries its own "must be one of: …".
      phrase = `${the} ${error.message ?? 'is not valid'}`;
  }
  return { path: pathOf(segments), where: place.where, phrase };
}

/**
 * A node config's schema errors as one plain problem per field: "the condition is empty",
 * "choose a team", never ajv's wording or a JSON path. Union branches the value was not meant
 * for are left out.
 */
export function configProblems(
  schema: SchemaLike,
  config: unknown,
  errors: readonly ErrorObject[] | null | undefined,
): ConfigProblem[] {
  const seen = new Set<string>();
  const problems: ConfigProblem[] = [];
  for (const error of pruneUnions(errors ?? [])) {
    if (error.keyword === 'if') continue; // its "then" already reported the field
    const problem = phraseFor(error, schema, config);
    const key = `${problem.path}\u0000${problem.phrase}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

/** A node's own check (`definition.validate`) at `path`, placed in words like a schema error. */
export function issueProblem(
  schema: SchemaLike,
  config: unknown,
  issue: { path: string; message: string },
): ConfigProblem {
  const segments = splitPath(issue.path);
  if (segments.length === 0) return { path: '', where: [], phrase: issue.message };
  const place = placeField(schema, config, segments);
  // "choose a team" already names its field; "'soon' is not a duration" needs it: "timeout: …".
  const named = new RegExp(`\\b${place.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(issue.message);
  return { path: issue.path, where: named ? place.where : [...place.where, place.title], phrase: issue.message };
}
