import { type Static, Type } from 'typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const ImportQuery = Type.Object(
  {
    workflow: Type.Optional(
      Type.String({
        maxLength: 100,
        description:
          'Workflow id or slug the leads enter; the default workflow when absent. Its capture node must take csv.',
      }),
    ),
    mapping: Type.Optional(
      Type.String({
        // Within the server's 128 KiB request head even percent-encoded: a column map for a few hundred columns.
        maxLength: 8_000,
        description:
          'JSON object of CSV column → lead field: email, firstName, lastName, name, company, title, phone, country, source, formId, referrerId, utm.source … utm.content, or custom.<name>; null ignores a column. Columns left out are ignored. Absent: columns are mapped by their names (Email, E-mail Address, First Name, Company Name, Job Title, Phone Number, …).',
      }),
    ),
    source: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: 'Source for rows whose source is blank or not in the file, e.g. trade_show_2026.',
      }),
    ),
    delimiter: Type.Optional(Type.Enum([',', ';', '\t', '|'], { description: 'Field separator (default ,).' })),
    fileName: Type.Optional(
      Type.String({ minLength: 1, maxLength: 255, description: 'Name to show for the import (default upload.csv).' }),
    ),
  },
  { additionalProperties: false },
);

export const CsvBody = Type.Unknown({
  description:
    'The CSV file as the raw request body (Content-Type: text/csv), UTF-8, header row first; streamed, up to 200 MiB.',
});

const RowCounts = Type.Object({
  total: Type.Integer({
    description: 'Data rows in the file: counted from its lines at upload, exact once the import has completed.',
  }),
  processed: Type.Integer(),
  created: Type.Integer(),
  duplicates: Type.Integer({
    description:
      'Rows whose lead already existed (same email or person key, or the same row imported before); left as they are.',
  }),
  failed: Type.Integer({ description: 'Rows refused; GET …/errors says why.' }),
});

export const ImportSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  fileName: Type.String(),
  fileSha256: Type.String(),
  fileBytes: Type.Integer(),
  workflowId: Type.String(),
  workflowVersion: Type.Integer(),
  mapping: Type.Record(Type.String(), Nullable(Type.String()), {
    description: 'The mapping used: every column of the file, with null for ignored ones.',
  }),
  options: Type.Object({ source: Type.Optional(Type.String()), delimiter: Type.Optional(Type.String()) }),
  status: Type.Enum(['queued', 'running', 'completed', 'failed', 'cancelled']),
  error: Nullable(Type.String({ description: 'Why a failed import stopped.' })),
  rows: RowCounts,
  rowsPerSecond: Nullable(Type.Integer({ description: 'Rows processed per second since the import started.' })),
  createdBy: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  startedAt: Nullable(Type.String({ format: 'date-time' })),
  finishedAt: Nullable(Type.String({ format: 'date-time' })),
});

export const ImportListQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor of the page before.' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);

export const ImportErrorsQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 20, description: 'nextCursor of the page before.' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);

export const ImportRowErrorSchema = Type.Object({
  row: Type.Integer({ description: 'Line of the file the row begins on; the header is line 1.' }),
  field: Nullable(Type.String({ description: 'Lead field at fault; null when the row itself is malformed.' })),
  column: Nullable(Type.String({ description: 'CSV column the field was read from.' })),
  message: Type.String(),
});

export const ImportErrorPage = Type.Object({
  errors: Type.Array(ImportRowErrorSchema),
  nextCursor: Nullable(Type.String()),
});

export const MappingSuggestionBody = Type.Object(
  {
    header: Type.Array(Type.String({ maxLength: 500 }), {
      minItems: 1,
      maxItems: 1000,
      description: "The CSV file's header row, in order.",
    }),
  },
  { additionalProperties: false },
);
export const MappingSuggestion = Type.Object({
  fields: Type.Array(Type.Object({ value: Type.String(), label: Type.String() }), {
    description: 'What a column can fill, besides custom.<name>.',
  }),
  mapping: Type.Record(Type.String(), Type.Union([Type.String(), Type.Null()]), {
    description: 'Column → field by header spelling (each field once); null: ignored.',
  }),
});

export type CsvImport = Static<typeof ImportSchema>;
export type ImportStatus = CsvImport['status'];
export type ImportRowError = Static<typeof ImportRowErrorSchema>;
export type ImportErrorPage = Static<typeof ImportErrorPage>;
export type MappingSuggestion = Static<typeof MappingSuggestion>;
