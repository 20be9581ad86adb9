// The policy's remaining fields: the school, the allow list, temporary access and records.
import { useT } from '@/components/i18n';
import type { PolicyError } from '@/utils/policy/types';
import { type Draft, errorsLeft } from '@/utils/policy/draft';
import { ChoiceField, type Edit, FieldErrors, LinesField, NumberField, TextField } from './fields';

type Props = { draft: Draft; edit: Edit; errors: readonly PolicyError[] };

export function SchoolFields({ draft, edit, errors }: Props) {
  const t = useT();
  return (
    <fieldset data-section="school">
      <legend>{t('settingKey_schoolName')}</legend>
      <TextField label={t('settingKey_schoolName')} path={['schoolName']} draft={draft} edit={edit} errors={errors} />
      <TextField label={t('settingKey_message')} path={['message']} draft={draft} edit={edit} errors={errors} multiline />
    </fieldset>
  );
}

export function AccessFields({ draft, edit, errors }: Props) {
  const t = useT();
  const yesNo = [
    [true, t('valueYes')],
    [false, t('valueNo')],
  ] as const;
  return (
    <>
      <fieldset data-section="allow">
        <legend>{t('settingKey_allow')}</legend>
        <LinesField label={t('settingKey_allow')} hint={t('settingsAllowHint')} path={['allow']} draft={draft} edit={edit} errors={errors} />
      </fieldset>
      <fieldset data-section="unlock">
        <legend>{t('settingKey_unlock')}</legend>
        <div class="row">
          <ChoiceField label={t('editorUnlockEnabled')} path={['unlock', 'enabled']} draft={draft} edit={edit} errors={errors} options={yesNo} />
          <NumberField label={t('editorUnlockMinutes')} path={['unlock', 'minutes']} draft={draft} edit={edit} errors={errors} />
          <NumberField label={t('editorUnlockMax')} path={['unlock', 'maxPerDay']} draft={draft} edit={edit} errors={errors} />
        </div>
        <FieldErrors errors={errorsLeft(errors, 'unlock', ['unlock.enabled', 'unlock.minutes', 'unlock.maxPerDay'])} withPath />
      </fieldset>
      <fieldset data-section="records">
        <legend>{t('settingKey_retentionDays')}</legend>
        <div class="row">
          <NumberField label={t('settingKey_retentionDays')} hint={t('editorRetentionHint')} path={['retentionDays']} draft={draft} edit={edit} errors={errors} />
          <ChoiceField label={t('settingKey_recordOtherHosts')} path={['recordOtherHosts']} draft={draft} edit={edit} errors={errors} options={yesNo} />
          <ChoiceField label={t('settingKey_lockSettings')} path={['lockSettings']} draft={draft} edit={edit} errors={errors} options={yesNo} />
        </div>
      </fieldset>
    </>
  );
}
