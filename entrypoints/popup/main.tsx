import { browser } from 'wxt/browser';
import { api, mountPage } from '@/utils/page-runtime';
import { Popup } from './Popup';
import '@/components/style.css';

mountPage(<Popup api={api} openOptions={() => void browser.runtime.openOptionsPage()} />, 'extName');
