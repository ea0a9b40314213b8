// Forms generated from the OpenAPI document: a command's request-body schema becomes the fields of its form,
// labelled by each property's `title` (Chinese) with its `description` as help. A new command gets its form
// without page code.

import { api } from './api';

interface Schema {
  $ref?: string;
  type?: string | string[];
  title?: string;
  description?: string;
  /** The desk's help in Chinese (src/domain/contract/field-titles.ts); the description is the API's. */
  'x-help'?: string;
  /** The API path listing the values to choose from (src/domain/contract/field-titles.ts). */
  'x-choices'?: string;
  enum?: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  pattern?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
}

interface Operation {
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  parameters?: Array<{ name: string; in: string; schema?: Schema }>;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export type FieldKind =
  'text' | 'textarea' | 'enum' | 'choice' | 'date' | 'integer' | 'number' | 'boolean' | 'object' | 'list';

export interface Choice {
  value: string;
  label: string;
}

export interface Field {
  name: string;
  /** Dotted path in the body (`petitioner.name`): where the server's refusal of it is shown. */
  path: string;
  title: string;
  help?: string;
  required: boolean;
  kind: FieldKind;
  options?: string[];
  min?: number;
  max?: number;
  maxLength?: number;
  defaultValue?: unknown;
  children?: Field[];
  /** The path of the list the value is chosen from (`x-choices`: units, subject matters). */
  choicesFrom?: string;
  /** That list, once loaded: a code chosen, not typed. */
  choices?: Choice[];
}

/**
 * The list the API answers at `path` (a property's `x-choices`: units for a purpose, the classification), as
 * choices; asked once per page load — a case's own list (`fresh`) each time, as the case moves on.
 */
const lists = new Map<string, Promise<Choice[]>>();
export function listChoices(path: string, fresh = false): Promise<Choice[]> {
  if (fresh) return api<ChoiceList>('GET', path).then(choicesOf);
  let list = lists.get(path);
  if (!list) {
    list = api<ChoiceList>('GET', path).then(choicesOf);
    lists.set(path, list);
  }
  return list;
}

interface Category {
  code: string;
  name: string;
  retired?: boolean;
  subcategories?: Category[];
}
type Listed = { id: string; name: string } | { login: string; displayName: string; unitName: string };
type ChoiceList = { items: Listed[] } | { categories: Category[] };

/**
 * Units or staff (`items`), or the classification (`categories`, each with its sub-categories, retired ones
 * left out).
 */
function choicesOf(answer: ChoiceList): Choice[] {
  if ('items' in answer) {
    return answer.items.map((item) =>
      'login' in item
        ? { value: item.login, label: `${item.displayName}（${item.unitName}）` }
        : { value: item.id, label: item.name },
    );
  }
  return answer.categories
    .filter((c) => !c.retired)
    .flatMap((c) => [
      { value: c.code, label: c.name },
      ...(c.subcategories ?? [])
        .filter((s) => !s.retired)
        .map((s) => ({ value: s.code, label: `${c.name} / ${s.name}` })),
    ]);
}

/**
 * Fills in the choices of the fields that name their list (nested ones too); a list's `{id}` is the value of
 * the same parameter in the command's path (the case's own list of staff).
 */
async function withChoices(fields: Field[], params: Record<string, string>): Promise<Field[]> {
  await Promise.all(
    fields.map(async (field) => {
      if (field.choicesFrom && field.kind === 'text') {
        const path = field.choicesFrom.replace(/\{(\w+)\}/g, (_, name: string) =>
          encodeURIComponent(decodeURIComponent(params[name] ?? '')),
        );
        field.choices = await listChoices(path, path !== field.choicesFrom);
        field.kind = 'choice';
      }
      if (field.children) await withChoices(field.children, params);
    }),
  );
  return fields;
}

const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

let document: Promise<OpenApiDocument> | undefined;

function openApi(): Promise<OpenApiDocument> {
  document ??= fetch('/openapi.json').then((r) => {
    if (!r.ok) throw new Error(`openapi.json: ${r.status}`);
    return r.json() as Promise<OpenApiDocument>;
  });
  return document;
}

/**
 * `/api/petitions/{id}/extensions/{extensionId}/approve` → a pattern its concrete paths match, each parameter
 * a named group.
 */
const templatePattern = (template: string) =>
  new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`);

/** The fields of the JSON body `method path` takes, from the API's own OpenAPI document. */
export async function formFor(method: string, path: string): Promise<Field[]> {
  const doc = await openApi();
  const template = Object.keys(doc.paths).find((t) => templatePattern(t).test(path));
  const operation = template ? doc.paths[template]?.[method.toLowerCase()] : undefined;
  const schema = operation?.requestBody?.content?.['application/json']?.schema;
  if (!template || !schema) return [];
  const params = templatePattern(template).exec(path)?.groups ?? {};
  return withChoices(fieldsOf(resolve(doc, schema), '', doc), params);
}

/** The values of the enum query parameter `name` of `GET path` (a search's filter), from the OpenAPI document. */
export async function queryEnum(path: string, name: string): Promise<string[]> {
  const doc = await openApi();
  const parameter = doc.paths[path]?.get?.parameters?.find((p) => p.in === 'query' && p.name === name);
  return (parameter?.schema ? (resolve(doc, parameter.schema).enum ?? []) : []).map(String);
}

function resolve(doc: OpenApiDocument, schema: Schema): Schema {
  let current = schema;
  while (current.$ref) {
    const target = doc.components.schemas[current.$ref.replace('#/components/schemas/', '')];
    if (!target) throw new Error(`unknown schema ${current.$ref}`);
    current = {
      ...target,
      title: current.title ?? target.title,
      description: current.description ?? target.description,
    };
  }
  // `x | null` and single-branch unions: the form asks for x.
  const branches = (current.anyOf ?? current.oneOf ?? []).filter((s) => s.type !== 'null');
  if (branches.length === 1) return { ...resolve(doc, branches[0]!), description: current.description };
  return current;
}

function fieldsOf(schema: Schema, prefix: string, doc: OpenApiDocument): Field[] {
  return Object.entries(schema.properties ?? {}).map(([name, raw]) => {
    const property = resolve(doc, raw);
    const path = prefix ? `${prefix}.${name}` : name;
    const field: Field = {
      name,
      path,
      title: property.title ?? raw.title ?? name,
      help: raw['x-help'] ?? property['x-help'] ?? property.description,
      required: schema.required?.includes(name) ?? false,
      kind: kindOf(property),
      defaultValue: property.default,
    };
    const choicesFrom = raw['x-choices'] ?? property['x-choices'];
    if (choicesFrom) field.choicesFrom = choicesFrom;
    if (property.enum) field.options = property.enum.map(String);
    if (property.minimum !== undefined) field.min = property.minimum;
    if (property.maximum !== undefined) field.max = property.maximum;
    if (property.maxLength !== undefined) field.maxLength = property.maxLength;
    if (field.kind === 'object') field.children = fieldsOf(property, path, doc);
    if (field.kind === 'list' && property.items) {
      const items = resolve(doc, property.items);
      field.children = items.type === 'object' ? fieldsOf(items, path, doc) : [];
      if (items.enum) field.options = items.enum.map(String);
    }
    return field;
  });
}

function kindOf(schema: Schema): FieldKind {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (schema.enum) return 'enum';
  switch (type) {
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'object':
      return 'object';
    case 'array':
      return 'list';
    default:
      if (schema.pattern === DATE_PATTERN) return 'date';
      return (schema.maxLength ?? 0) > 200 ? 'textarea' : 'text';
  }
}

export type FormModel = Record<string, unknown>;

/** An empty model for the fields: defaults where the schema has them. */
export function emptyModel(fields: Field[]): FormModel {
  return Object.fromEntries(
    fields.map((f) => [
      f.name,
      f.kind === 'object'
        ? emptyModel(f.children ?? [])
        : f.kind === 'list'
          ? []
          : (f.defaultValue ?? undefined),
    ]),
  );
}

/**
 * The body to send: empty inputs left out (the API's defaults apply), an optional object with nothing filled
 * in left out, lists of text split at commas.
 */
export function bodyOf(fields: Field[], model: FormModel): FormModel | undefined {
  const body: FormModel = {};
  for (const field of fields) {
    const value = valueOf(field, model[field.name]);
    if (value !== undefined) body[field.name] = value;
  }
  return Object.keys(body).length ? body : undefined;
}

function valueOf(field: Field, value: unknown): unknown {
  if (value === undefined || value === null || value === '') return undefined;
  switch (field.kind) {
    case 'object':
      return bodyOf(field.children ?? [], value as FormModel);
    case 'list': {
      const items = value as unknown[];
      if (!field.children?.length) return items.length ? items : undefined;
      const rows = items.map((row) => bodyOf(field.children!, row as FormModel) ?? {});
      return rows.length ? rows : undefined;
    }
    case 'text':
    case 'textarea':
      return String(value).trim() || undefined;
    default:
      return value;
  }
}
