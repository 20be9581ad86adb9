// Built-in categories (mode, sites added and removed) and the school's own categories.
import { useT } from '@/components/i18n';
import { CATEGORY_IDS, MODES } from '@/utils/policy/constants';
import type { PolicyError } from '@/utils/policy/types';
import { type Draft, errorsLeft, getAt } from '@/utils/policy/draft';
import { ChoiceField, type Edit, FieldErrors, LinesField, TextField } from './fields';

type Props = { draft: Draft; edit: Edit; errors: readonly PolicyError[] };

export function CategoryFields({ draft, edit, errors }: Props) {
  const t = useT();
  const modes = MODES.map((m) => [m, t(`mode_${m}`)] as const);
  return (
    <fieldset data-section="categories">
      <legend>{t('settingsCategories')}</legend>
      {CATEGORY_IDS.map((id) => (
        <div key={id} class="editor__category" data-category={id}>
          <h3>{t(`category_${id}`)}</h3>
          <div class="row">
            <ChoiceField label={t('editorModeColumn')} path={['categories', id, 'mode']} draft={draft} edit={edit} errors={errors} options={modes} />
          </div>
          <div class="row">
            <div class="field--grow">
              <LinesField label={t('editorAddColumn')} path={['categories', id, 'add']} draft={draft} edit={edit} errors={errors} rows={2} />
            </div>
            <div class="field--grow">
              <LinesField label={t('editorRemoveColumn')} path={['categories', id, 'remove']} draft={draft} edit={edit} errors={errors} rows={2} />
            </div>
          </div>
          <FieldErrors errors={errorsLeft(errors, `categories.${id}`, ['mode', 'add', 'remove'].map((k) => `categories.${id}.${k}`))} withPath />
        </div>
      ))}
      <FieldErrors errors={errorsLeft(errors, 'categories', CATEGORY_IDS.map((id) => `categories.${id}`))} withPath />
    </fieldset>
  );
}

export function CustomCategoryFields({ draft, edit, errors }: Props) {
  const t = useT();
  const value = getAt(draft, ['customCategories']);
  const list: unknown[] = Array.isArray(value) ? value : [];
  const modes = MODES.map((m) => [m, t(`mode_${m}`)] as const);
  return (
    <fieldset data-section="customCategories">
      <legend>{t('settingKey_customCategories')}</legend>
      {list.map((_, i) => {
        const at = `customCategories[${i}]`;
        const own = ['id', 'name', 'mode', 'domains', 'urlKeywords'].map((k) => `${at}.${k}`);
        return (
          <div key={i} class="editor__custom" data-custom={i}>
            <div class="row">
              <TextField label={t('editorCustomId')} path={['customCategories', i, 'id']} draft={draft} edit={edit} errors={errors} />
              <TextField label={t('editorCustomNameZh')} path={['customCategories', i, 'name', 'zh_CN']} draft={draft} edit={edit} errors={errors} />
              <TextField label={t('editorCustomNameEn')} path={['customCategories', i, 'name', 'en']} draft={draft} edit={edit} errors={errors} />
              <ChoiceField label={t('editorModeColumn')} path={['customCategories', i, 'mode']} draft={draft} edit={edit} errors={errors} options={modes} />
            </div>
            <FieldErrors errors={errorsLeft(errors, `${at}.name`, [`${at}.name.zh_CN`, `${at}.name.en`])} withPath />
            <div class="row">
              <div class="field--grow">
                <LinesField label={t('editorCustomDomains')} path={['customCategories', i, 'domains']} draft={draft} edit={edit} errors={errors} rows={3} />
              </div>
              <div class="field--grow">
                <LinesField label={t('editorCustomKeywords')} path={['customCategories', i, 'urlKeywords']} draft={draft} edit={edit} errors={errors} rows={3} />
              </div>
            </div>
            <FieldErrors errors={errorsLeft(errors, at, own)} withPath />
            <button type="button" class="link" onClick={() => edit(['customCategories'], list.length === 1 ? undefined : list.filter((_, k) => k !== i), true)}>
              {t('editorRemove')}
            </button>
          </div>
        );
      })}
      <FieldErrors errors={errorsLeft(errors, 'customCategories', list.map((_, i) => `customCategories[${i}]`))} withPath />
      <p>
        <button
          type="button"
          class="button button--secondary"
          onClick={() => edit(['customCategories'], [...list, { id: '', name: { zh_CN: '' }, mode: 'log', domains: [], urlKeywords: [] }])}
        >
          {t('editorAddCustom')}
        </button>
      </p>
    </fieldset>
  );
}
