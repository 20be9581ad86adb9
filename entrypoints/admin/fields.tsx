// The editor's form fields. Each edits one path of the draft and shows, right below itself,
// the validation errors at that path.
import { useState } from 'preact/hooks';
import { useT } from '@/components/i18n';
import type { PolicyError } from '@/utils/policy/types';
import { type Draft, type DraftPath, errorsUnder, getAt, linesToList, listToLines, numberFromInput, pathString } from '@/utils/policy/draft';

/** Sets one path of the draft; `structural` (an entry removed) makes the form start again from the draft. */
export type Edit = (path: DraftPath, value: unknown, structural?: boolean) => void;

type FieldProps = { label: string; path: DraftPath; draft: Draft; edit: Edit; errors: readonly PolicyError[]; hint?: string };

let nextId = 0;
/** A stable id per mounted field, for label/for and aria-describedby. */
function useId(): string {
  const [id] = useState(() => `f${++nextId}`);
  return id;
}

/** Errors as a list; `withPath` adds where each is (for errors gathered from several entries). */
export function FieldErrors({ errors, withPath = false, id }: { errors: readonly PolicyError[]; withPath?: boolean; id?: string }) {
  const t = useT();
  if (errors.length === 0) return null;
  return (
    <ul class="field-errors" id={id}>
      {errors.map((e) => (
        <li key={`${e.path}|${e.key}|${e.args.join('|')}`} class="error-text" data-error-path={e.path} data-error-key={e.key}>
          {withPath && e.path !== '' && <code>{e.path}</code>} {t(e.key, e.args)}
        </li>
      ))}
    </ul>
  );
}

/** The value as text for an input: text as is, anything else as JSON so a wrong type stays visible. */
function asText(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v);
}

export function TextField({ label, path, draft, edit, errors, hint, multiline = false }: FieldProps & { multiline?: boolean }) {
  const id = useId();
  const mine = errorsUnder(errors, pathString(path));
  const onInput = (e: Event) => {
    const v = (e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value;
    edit(path, v === '' ? undefined : v);
  };
  return (
    <div class="field" data-field={pathString(path)}>
      <label for={id}>{label}</label>
      {multiline ? (
        <textarea id={id} rows={2} value={asText(getAt(draft, path))} onInput={onInput} aria-describedby={`${id}-e`} />
      ) : (
        <input id={id} type="text" value={asText(getAt(draft, path))} onInput={onInput} aria-describedby={`${id}-e`} />
      )}
      {hint && <span class="muted">{hint}</span>}
      <FieldErrors errors={mine} id={`${id}-e`} />
    </div>
  );
}

export function NumberField({ label, path, draft, edit, errors, hint }: FieldProps) {
  const id = useId();
  const mine = errorsUnder(errors, pathString(path));
  return (
    <div class="field" data-field={pathString(path)}>
      <label for={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        class="editor__number"
        value={asText(getAt(draft, path))}
        onInput={(e) => edit(path, numberFromInput((e.currentTarget as HTMLInputElement).value))}
        aria-describedby={`${id}-e`}
      />
      {hint && <span class="muted">{hint}</span>}
      <FieldErrors errors={mine} id={`${id}-e`} />
    </div>
  );
}

/** A select whose first option is "not set" (the key absent); options carry any JSON value. */
export function ChoiceField({ label, path, draft, edit, errors, options }: FieldProps & { options: readonly (readonly [unknown, string])[] }) {
  const t = useT();
  const id = useId();
  const current = getAt(draft, path);
  const index = options.findIndex(([v]) => v === current);
  const mine = errorsUnder(errors, pathString(path));
  return (
    <div class="field" data-field={pathString(path)}>
      <label for={id}>{label}</label>
      <select
        id={id}
        value={current === undefined ? '' : index >= 0 ? String(index) : 'other'}
        onChange={(e) => {
          const v = (e.currentTarget as HTMLSelectElement).value;
          if (v === 'other') return;
          edit(path, v === '' ? undefined : options[Number(v)]?.[0]);
        }}
        aria-describedby={`${id}-e`}
      >
        <option value="">{t('editorNotSet')}</option>
        {options.map(([, text], i) => (
          <option key={i} value={String(i)}>{text}</option>
        ))}
        {current !== undefined && index < 0 && <option value="other">{asText(current)}</option>}
      </select>
      <FieldErrors errors={mine} id={`${id}-e`} />
    </div>
  );
}

/**
 * A list edited one entry per line. The text is the field's own state (blank lines and a
 * half-typed line stay as typed); the draft gets the non-blank lines.
 */
export function LinesField({ label, path, draft, edit, errors, hint, rows = 4 }: FieldProps & { rows?: number }) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState(() => listToLines(getAt(draft, path)));
  const mine = errorsUnder(errors, pathString(path));
  return (
    <div class="field" data-field={pathString(path)}>
      <label for={id}>{label}</label>
      <textarea
        id={id}
        rows={rows}
        value={text}
        onInput={(e) => {
          const v = (e.currentTarget as HTMLTextAreaElement).value;
          setText(v);
          edit(path, linesToList(v));
        }}
        aria-describedby={`${id}-e`}
      />
      <span class="muted">{hint ? `${hint} ` : ''}{t('editorListHint')}</span>
      <FieldErrors errors={mine} withPath id={`${id}-e`} />
    </div>
  );
}
