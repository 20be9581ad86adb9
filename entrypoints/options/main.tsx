import { browser } from 'wxt/browser';
import { LangContext } from '@/components/i18n';
import { api, mountPage } from '@/utils/ui/page-runtime';
import { downloadBlob } from '@/utils/ui/download';
import { Options } from './Options';
import '@/components/style.css';

mountPage(
  <LangContext.Provider value={browser.i18n.getUILanguage()}>
    <Options api={api} initialTab={location.hash.slice(1)} download={downloadBlob} />
  </LangContext.Provider>,
  'optionsTitle',
);
