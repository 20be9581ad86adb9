import { api, mountPage } from '@/utils/page-runtime';
import { Options } from './Options';
import '@/components/style.css';

mountPage(<Options api={api} />, 'optionsTitle');
