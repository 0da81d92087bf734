import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { problemsByPath } from '../api/api-client';
import { FieldProblem, problemAria } from '../app/FieldProblem';
import { useLeadflow } from '../app/leadflow-context';
import { dataSchemaText, parseDataSchema } from './data-schema-text';
import type { EventType } from './event-type-types';

const EXAMPLE =
  '{\n  "type": "object",\n  "properties": {\n    "webinarId": { "type": "string" },\n    "minutes": { "type": "integer", "minimum": 0 }\n  },\n  "required": ["webinarId"]\n}';

/** The server's problems by field, with `dataSchema.type` and the like on the data-schema box. */
function byField(failure: unknown): Record<string, string> {
  const problems = problemsByPath(failure);
  const result: Record<string, string> = {};
  for (const [path, message] of Object.entries(problems)) {
    const field = path.startsWith('dataSchema') ? 'dataSchema' : path;
    const said =
      field === 'dataSchema' && path !== 'dataSchema' ? `${path.slice('dataSchema.'.length)} ${message}` : message;
    result[field] = result[field] ? `${result[field]}; ${said}` : said;
  }
  return result;
}

/** Declares a custom event type, or edits one's label, description and data schema (JSON, checked as typed). */
export function EventTypeDialog({
  editing,
  onSaved,
  onClose,
}: {
  editing?: EventType;
  onSaved(type: EventType): void;
  onClose(): void;
}) {
  const { api } = useLeadflow();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [name, setName] = useState('');
  const [label, setLabel] = useState(editing?.label ?? '');
  const [description, setDescription] = useState(editing?.description ?? '');
  const [schemaText, setSchemaText] = useState(dataSchemaText(editing?.dataSchema ?? null));
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  /** An edited field's old server answer no longer applies to it. */
  const forget = (field: string) => setProblems(({ [field]: _gone, ...rest }) => rest);
  const parsed = parseDataSchema(schemaText);
  // The browser's own reading of the box wins over an older server answer about it.
  const shown: Record<string, string> = { ...problems, ...(!parsed.ok && { dataSchema: parsed.message }) };
  const nameProblem =
    !editing && name !== '' && !/^[a-z][a-z0-9_]*$/.test(name)
      ? 'use lower-case letters, digits and _ , starting with a letter (webinar_attended)'
      : null;
  if (nameProblem) shown.name = nameProblem;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!parsed.ok) return;
    setBusy(true);
    setProblems({});
    const body = { label: label.trim(), description: description.trim(), dataSchema: parsed.schema };
    try {
      const saved = editing
        ? await api.request<EventType>('PATCH', `/api/event-types/${editing.name}`, body)
        : await api.request<EventType>('POST', '/api/event-types', { name, ...body });
      onSaved(saved);
      onClose();
    } catch (failure) {
      setProblems(byField(failure));
      setBusy(false);
    }
  };

  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby={`${id}-title`} className="schema-dialog form-dialog">
      <form onSubmit={submit} noValidate>
        <h2 id={`${id}-title`}>{editing ? `Edit ${editing.label}` : 'New event type'}</h2>
        {!editing && (
          <>
            <label htmlFor={`${id}-name`}>Name</label>
            <input
              id={`${id}-name`}
              value={name}
              maxLength={40}
              placeholder="webinar_attended"
              onChange={(event) => {
                setName(event.target.value);
                forget('name');
              }}
              autoFocus
              {...problemAria(id, 'name', shown)}
            />
            <p className="muted">What workflows wait for and callers post; it cannot change later.</p>
            <FieldProblem formId={id} path="name" problems={shown} />
          </>
        )}
        <label htmlFor={`${id}-label`}>Label</label>
        <input
          id={`${id}-label`}
          value={label}
          maxLength={100}
          placeholder="Webinar attended"
          onChange={(event) => {
            setLabel(event.target.value);
            forget('label');
          }}
          {...problemAria(id, 'label', shown)}
        />
        <FieldProblem formId={id} path="label" problems={shown} />
        <label htmlFor={`${id}-description`}>Description</label>
        <textarea
          id={`${id}-description`}
          value={description}
          maxLength={500}
          rows={2}
          onChange={(event) => setDescription(event.target.value)}
        />
        <div className="label-row">
          <label htmlFor={`${id}-schema`}>Data schema (optional)</label>
          {schemaText.trim() === '' && (
            <button type="button" className="link-button" onClick={() => setSchemaText(EXAMPLE)}>
              Start from an example
            </button>
          )}
        </div>
        <textarea
          id={`${id}-schema`}
          className="code-input"
          value={schemaText}
          rows={7}
          spellCheck={false}
          placeholder="Empty: the event may carry any data."
          onChange={(event) => {
            setSchemaText(event.target.value);
            forget('dataSchema');
          }}
          {...problemAria(id, 'dataSchema', shown)}
        />
        <FieldProblem formId={id} path="dataSchema" problems={shown} />
        <p className="muted">
          A JSON Schema of the event's data; posts whose data does not match are refused, naming the field.
        </p>
        <FieldProblem formId={id} path="" problems={shown} />
        <div className="dialog-actions">
          <button type="button" onClick={() => ref.current?.close()}>
            Cancel
          </button>
          <button
            type="submit"
            className="primary"
            disabled={busy || !parsed.ok || nameProblem !== null || !label.trim() || (!editing && !name)}
          >
            {busy && <span className="spinner" aria-hidden="true" />}
            {busy ? 'Saving…' : editing ? 'Save' : 'Declare event type'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
