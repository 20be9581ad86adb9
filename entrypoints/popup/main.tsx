import { browser } from 'wxt/browser';
import { LangContext } from '@/components/i18n';
import { api, mountPage, received, type Api } from '@/utils/ui/page-runtime';
import { takeEarlyRequest, type EarlyPopupRequest } from '@/utils/ui/early-request';
import { Popup } from './Popup';
import '@/components/style.css';

/** The request popup-request.js sent while the page loaded serves the first render; a later one is sent anew. */
const getPopup: Api['getPopup'] = (request) => {
  const early = takeEarlyRequest(globalThis as EarlyPopupRequest);
  return early ? received<'getPopup'>(early) : api.getPopup(request);
};

mountPage(
  <LangContext.Provider value={browser.i18n.getUILanguage()}>
    <Popup api={{ getPopup }} openOptions={() => void browser.runtime.openOptionsPage().then(() => window.close())} />
  </LangContext.Provider>,
  'extName',
);
