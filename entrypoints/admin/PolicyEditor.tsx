// The policy editor (#14): a form and the raw JSON side by side over one draft, validated on
// every change with the extension's own parsePolicy, and the CLI's files as one zip.
import { useMemo, useState } from 'preact/hooks';
import { useT } from '@/components/i18n';
import { parsePolicy } from '@/utils/policy/schema';
import { type Draft, type DraftPath, draftToJson, isPlainObject, setAt } from '@/utils/policy/draft';
import { parseJsonSource } from '@/scripts/policy-kit/json-source';
import { readPolicyBytes } from '@/scripts/policy-kit/policy-file';
import { CategoryFields, CustomCategoryFields } from './CategoryFields';
import { DownloadSection } from './DownloadSection';
import { type Edit, FieldErrors } from './fields';
import { AccessFields, SchoolFields } from './OtherFields';
import { ScheduleFields } from './ScheduleFields';

/** Top-level keys the form has a place for; an error elsewhere (a misspelt key) is listed on its own. */
const FORM_KEYS = ['schoolName', 'message', 'schedule', 'categories', 'customCategories', 'allow', 'unlock', 'recordOtherHosts', 'retentionDays', 'lockSettings'];

type Props = { now: () => number; download: (filename: string, bytes: Uint8Array) => void };

export function PolicyEditor({ now, download }: Props) {
  const t = useT();
  const [draft, setDraft] = useState<Draft>({});
  const [jsonText, setJsonText] = useState(draftToJson({}));
  const [jsonError, setJsonError] = useState<string | null>(null);
  // Bumped when the draft is replaced from outside the form, so fields that keep their own text start again.
  const [formKey, setFormKey] = useState(0);
  const [loadNote, setLoadNote] = useState<{ ok: boolean; text: string } | null>(null);

  const result = useMemo(() => parsePolicy(draft), [draft]);
  const errors = result.ok ? [] : result.errors;
  const other = errors.filter((e) => !FORM_KEYS.some((k) => e.path === k || e.path.startsWith(`${k}.`) || e.path.startsWith(`${k}[`)));

  const replace = (next: Draft) => {
    setDraft(next);
    setJsonText(draftToJson(next));
    setJsonError(null);
    setFormKey((k) => k + 1);
  };
  const edit: Edit = (path: DraftPath, value: unknown, structural = false) => {
    const next = setAt(draft, path, value);
    setDraft(next);
    setJsonText(draftToJson(next));
    setJsonError(null);
    if (structural) setFormKey((k) => k + 1);
  };
  const onJson = (text: string) => {
    setJsonText(text);
    const source = text.trim() === '' ? ({ ok: true, value: {} } as const) : parseJsonSource(text);
    if (!source.ok) {
      setJsonError(t('kitErrJsonSyntax', [t('editorJsonHeading'), String(source.line), String(source.column), source.near]));
    } else if (!isPlainObject(source.value)) {
      setJsonError(t('editorJsonNotObject'));
    } else {
      setJsonError(null);
      setDraft(source.value);
      setFormKey((k) => k + 1);
    }
  };
  const open = async (file: File | undefined) => {
    if (!file) return;
    const read = readPolicyBytes(file.name, new Uint8Array(await file.arrayBuffer()));
    if (!read.ok) return setLoadNote({ ok: false, text: t(read.error.key, read.error.args) });
    if (!isPlainObject(read.value)) return setLoadNote({ ok: false, text: t('editorJsonNotObject') });
    replace(read.value);
    setLoadNote({ ok: true, text: t('editorOpened', [file.name]) });
  };

  return (
    <main class="options editor">
      <h1>{t('editorTitle')}</h1>
      <p>{t('editorIntro')}</p>

      <section
        class="editor__drop"
        aria-labelledby="open-heading"
        data-testid="drop-zone"
        onDragOver={(e) => e.preventDefault()}
        onDrop={(e) => {
          e.preventDefault();
          void open(e.dataTransfer?.files[0]);
        }}
      >
        <h2 id="open-heading">{t('editorOpenHeading')}</h2>
        <p class="muted">{t('editorOpenHint')}</p>
        <div class="row">
          <input type="file" accept=".json,application/json,text/plain" data-testid="file-input" onChange={(e) => void open((e.currentTarget as HTMLInputElement).files?.[0])} />
          <button type="button" class="button button--secondary" onClick={() => { replace({}); setLoadNote(null); }}>
            {t('editorNew')}
          </button>
        </div>
        {loadNote && (
          <p class={loadNote.ok ? 'ok' : 'warning'} role={loadNote.ok ? 'status' : 'alert'} data-testid="load-note">
            {loadNote.text}
          </p>
        )}
      </section>

      <p class={result.ok ? 'ok' : 'warning'} role="status" data-testid="editor-status">
        {result.ok ? t('editorValid') : t('editorErrorCount', [String(errors.length)])}
      </p>
      {other.length > 0 && (
        <div class="warning" data-testid="other-errors">
          <p>{t('editorOtherErrors')}</p>
          <FieldErrors errors={other} withPath />
        </div>
      )}

      <div class="editor__columns">
        <section aria-labelledby="form-heading" class="editor__form" key={formKey}>
          <h2 id="form-heading">{t('editorFormHeading')}</h2>
          <SchoolFields draft={draft} edit={edit} errors={errors} />
          <ScheduleFields draft={draft} edit={edit} errors={errors} now={now()} />
          <CategoryFields draft={draft} edit={edit} errors={errors} />
          <CustomCategoryFields draft={draft} edit={edit} errors={errors} />
          <AccessFields draft={draft} edit={edit} errors={errors} />
        </section>
        <section aria-labelledby="json-heading" class="editor__json">
          <h2 id="json-heading">{t('editorJsonHeading')}</h2>
          <p class="muted">{t('editorJsonHint')}</p>
          <textarea
            aria-labelledby="json-heading"
            data-testid="policy-json"
            spellcheck={false}
            rows={30}
            value={jsonText}
            onInput={(e) => onJson((e.currentTarget as HTMLTextAreaElement).value)}
          />
          {jsonError && (
            <div class="warning" role="alert" data-testid="json-error">
              <p>{jsonError}</p>
              <p>{t('editorJsonKept')}</p>
            </div>
          )}
        </section>
      </div>

      <DownloadSection policy={result.ok ? result.policy : null} download={download} />
    </main>
  );
}
