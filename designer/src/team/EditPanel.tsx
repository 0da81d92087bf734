import { type FormEvent, useState } from 'react';
import { ApiError, errorMessage, teamModelApi } from '../api/api-client';
import type { TeamRow } from '../api/api-client';
import { useLeadflow } from '../app/leadflow-context';
import { type FieldError, type JsonSchema, type Pickers, SchemaForm } from '../schema-form';
import type { EntityConfig } from './entities';

export interface EditPanelProps {
  config: EntityConfig;
  /** The create schema the server validates with. */
  schema: JsonSchema;
  /** The row being edited; null: a new one. */
  row: TeamRow | null;
  pickers: Pickers;
  readOnly: boolean;
  onSaved(): void;
  onClose(): void;
}

/** The schema an edit form uses: a create-only id is shown in the heading, not edited. */
function editSchema(schema: JsonSchema, config: EntityConfig, creating: boolean): JsonSchema {
  if (creating || !config.createOnlyId) return schema;
  const { id: _id, ...properties } = schema.properties ?? {};
  return { ...schema, properties, required: (schema.required ?? []).filter((name) => name !== 'id') };
}

/** Only the fields the form edits (a row also carries createdAt, archivedAt …). */
function formValue(row: TeamRow | null, schema: JsonSchema): Record<string, unknown> {
  if (!row) return {};
  return Object.fromEntries(
    Object.keys(schema.properties ?? {}).flatMap((name) => (row[name] === undefined ? [] : [[name, row[name]]])),
  );
}

/** Create or edit one row in a side panel; the form is generated from the server's schema and the server's errors show on their fields. */
export function EditPanel({ config, schema, row, pickers, readOnly, onSaved, onClose }: EditPanelProps) {
  const { api } = useLeadflow();
  const creating = row === null;
  const formSchema = editSchema(schema, config, creating);
  const [value, setValue] = useState<unknown>(() => formValue(row, formSchema));
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);
  const [focusPath, setFocusPath] = useState<string | undefined>();
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = creating ? `New ${config.noun}` : `${readOnly ? '' : 'Edit '}${config.noun} ${config.label(row)}`;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setBanner(null);
    setFocusPath(undefined);
    try {
      if (creating) await teamModelApi.create(api, config.path, value);
      else await teamModelApi.update(api, `${config.path}/${encodeURIComponent(row.id)}`, value);
      onSaved();
    } catch (failure) {
      const problems = failure instanceof ApiError ? failure.problems : [];
      const known = new Set(Object.keys(formSchema.properties ?? {}));
      const onFields = problems.filter((problem) => known.has(problem.path.split(/[.[]/)[0] ?? ''));
      setServerErrors(onFields.map((problem) => ({ path: problem.path, message: problem.message })));
      // Take the user to the first field the server named (the form may be scrolled past it).
      setFocusPath(onFields[0]?.path);
      setBanner(
        onFields.length === problems.length && onFields.length > 0
          ? 'Fix the fields marked below and save again.'
          : errorMessage(failure),
      );
      setBusy(false);
    }
  };

  return (
    <aside className="team-panel" aria-labelledby="team-panel-title">
      <form onSubmit={save} noValidate>
        <header>
          <h2 id="team-panel-title">{heading}</h2>
          <button type="button" onClick={onClose} aria-label="Close panel">
            ✕
          </button>
        </header>
        {banner && (
          <p className="banner error" role="alert">
            {banner}
          </p>
        )}
        <SchemaForm
          idPrefix={`${config.entity}-${row?.id ?? 'new'}`}
          schema={formSchema}
          value={value}
          onChange={setValue}
          serverErrors={serverErrors}
          pickers={pickers}
          readOnly={readOnly}
          focusPath={focusPath}
          blank={creating}
        />
        {!readOnly && (
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={busy}>
              {busy && <span className="spinner" aria-hidden="true" />} {creating ? `Create ${config.noun}` : 'Save'}
            </button>
          </div>
        )}
      </form>
    </aside>
  );
}
