// The policy editor (#14): admin.html in the extension, and the same code as the standalone
// qingfeng-policy-editor.html (scripts/build-policy-editor.ts). No browser.* API here, so
// both run it unchanged.
import { render } from 'preact';
import { I18nContext, LangContext } from '@/components/i18n';
import '@/components/style.css';
import './editor.css';
import { editorLang, editorTranslate } from './editor-i18n';
import { PolicyEditor } from './PolicyEditor';
import { downloadBlob } from '@/utils/ui/download';
import { useTldtsPublicSuffixes } from '@/utils/matching/public-suffix-tldts';

useTldtsPublicSuffixes(); // parsePolicy refuses public suffixes as entries

const lang = editorLang(navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
const t = editorTranslate(lang);
document.documentElement.lang = lang === 'zh_CN' ? 'zh-CN' : 'en';
document.title = t('editorTitle');

const download = (filename: string, bytes: Uint8Array) => downloadBlob(filename, new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));

render(
  <I18nContext.Provider value={t}>
    <LangContext.Provider value={lang === 'zh_CN' ? 'zh-CN' : 'en'}>
      <PolicyEditor now={Date.now} download={download} />
    </LangContext.Provider>
  </I18nContext.Provider>,
  document.getElementById('app')!,
);
