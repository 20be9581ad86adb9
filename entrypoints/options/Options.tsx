import { useEffect, useState } from 'preact/hooks';
import { StatusCard } from '@/components/StatusCard';
import { useT } from '@/components/i18n';
import { useOnce, type Loaded } from '@/components/use-once';
import { errorText } from '@/utils/ui/format';
import { Show } from '@/components/Show';
import type { SettingsResponse } from '@/utils/messages/types';
import type { Api } from '@/utils/ui/page-runtime';
import { localDayKey } from '@/utils/time/day-key';
import { iconPath } from '@/utils/ui/icons';
import { DataSection } from './DataSection';
import { PolicySection } from './PolicySection';
import { ReportSection } from './ReportSection';
import { SettingsSection } from './SettingsSection';
import { TestUrlSection } from './TestUrlSection';

export const TABS = ['report', 'settings', 'policy', 'test', 'data'] as const;
export type Tab = (typeof TABS)[number];

interface Props {
  api: Api;
  initialTab?: string;
  now?: () => number;
  download: (filename: string, blob: Blob) => void;
}

export function Options({ api, initialTab, now = Date.now, download }: Props) {
  const t = useT();
  const [tab, setTab] = useState<Tab>((TABS as readonly string[]).includes(initialTab ?? '') ? (initialTab as Tab) : 'report');
  const status = useOnce(() => api.getStatus({}));
  const [settings, setSettings] = useState<Loaded<SettingsResponse>>({ state: 'loading' });
  // Bumped after a save so the settings form starts again from the new effective configuration.
  const [version, setVersion] = useState(0);
  const loadSettings = () =>
    api.getSettings({}).then(
      (value) => {
        setSettings({ state: 'ok', value });
        setVersion((v) => v + 1);
      },
      (e: unknown) => setSettings({ state: 'error', message: errorText(e) }),
    );
  useEffect(() => {
    void loadSettings();
  }, []);

  // A link or the address bar may name a tab (options.html#policy) while the page is open.
  useEffect(() => {
    const follow = () => {
      const named = location.hash.slice(1);
      if ((TABS as readonly string[]).includes(named)) setTab(named as Tab);
    };
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);

  const choose = (next: Tab) => {
    setTab(next);
    history.replaceState(null, '', `#${next}`);
  };

  return (
    <main class="options">
      <h1 class="brand brand--title">
        <img class="brand__icon" src={`/${iconPath('on', 32)}`} alt="" aria-hidden="true" width={32} height={32} />
        {t('optionsTitle')}
      </h1>
      <Show loaded={status}>{(s) => <StatusCard status={s} />}</Show>
      <nav aria-label={t('optionsNavLabel')} class="tabs">
        <ul>
          {TABS.map((id) => (
            <li key={id}>
              <button type="button" class="tab" aria-current={tab === id ? 'page' : undefined} onClick={() => choose(id)}>
                {t(`tab_${id}`)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div class="panel">
        {tab === 'report' && <ReportSection api={api} today={localDayKey(now())} download={download} />}
        {tab === 'test' && <TestUrlSection api={api} now={now} />}
        {tab !== 'report' && tab !== 'test' && (
          <Show loaded={settings}>
            {(s) =>
              tab === 'settings' ? (
                <SettingsSection key={version} api={api} settings={s} onSaved={() => void loadSettings()} />
              ) : tab === 'policy' ? (
                <PolicySection settings={s} now={now()} />
              ) : (
                <DataSection api={api} retentionDays={s.config.values.retentionDays} recordOtherHosts={s.config.values.recordOtherHosts} />
              )
            }
          </Show>
        )}
      </div>
    </main>
  );
}
