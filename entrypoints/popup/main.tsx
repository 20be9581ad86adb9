import { browser } from 'wxt/browser';
import { LangContext } from '@/components/i18n';
import { api, mountPage } from '@/utils/ui/page-runtime';
import { Popup } from './Popup';
import '@/components/style.css';

mountPage(
  <LangContext.Provider value={browser.i18n.getUILanguage()}>
    <Popup api={api} openOptions={() => void browser.runtime.openOptionsPage().then(() => window.close())} />
  </LangContext.Provider>,
  'extName',
);
