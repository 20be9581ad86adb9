import { mountPage } from '@/utils/page-runtime';
import '@/components/style.css';

mountPage(<main />);
