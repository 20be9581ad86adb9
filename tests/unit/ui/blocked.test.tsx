// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { Blocked, type BlockedProps } from '@/entrypoints/blocked/Blocked';
import type { BlockInfo } from '@/utils/messages/types';
import { at, mockApi, renderPage } from '../support/ui-fixtures';

afterEach(cleanup);

const URL_TAOBAO = 'https://item.taobao.com/item.htm?id=1';

function info(over: Partial<BlockInfo> = {}): BlockInfo {
  return {
    url: URL_TAOBAO,
    host: 'taobao.com',
    category: { id: 'shopping', builtin: true, mode: 'block' },
    entry: 'taobao.com',
    schoolName: '北票市第七初级中学',
    message: '工作时间请勿浏览与工作无关的网页。',
    reopensAt: at('2026-11-26T11:30'),
    now: at('2026-11-26T09:00'),
    attemptsToday: 3,
    unlock: { enabled: true, maxMinutes: 10, remainingToday: 2, maxPerDay: 3, refusal: null },
    ...over,
  };
}

function setup(fragment: string, over: Partial<BlockedProps> = {}, block: BlockInfo = info()) {
  const api = mockApi({
    describeBlock: () => Promise.resolve(block),
    reportBlocked: () => Promise.resolve({ attemptsToday: block.attemptsToday }),
    requestUnlock: () => Promise.resolve({ ok: true, until: at('2026-11-26T09:10'), url: URL_TAOBAO }),
  });
  const navigate = vi.fn<(url: string) => void>();
  const goBack = vi.fn();
  const view = renderPage(
    <Blocked api={api} fragment={fragment} navigationType="navigate" canGoBack={true} goBack={goBack} navigate={navigate} {...over} />,
  );
  return { api, navigate, goBack, view };
}

describe('block page', () => {
  test('shows host, category, the school rule, when it reopens and today’s attempts', async () => {
    const { api } = setup(URL_TAOBAO);
    expect(await screen.findByTestId('blocked-category')).toHaveProperty('textContent', '购物');
    expect(screen.getByTestId('blocked-host').textContent).toBe('taobao.com');
    expect(screen.getByTestId('blocked-reopens').textContent).toBe('今天 11:30');
    expect(screen.getByTestId('blocked-attempts').textContent).toBe('3 次');
    expect(screen.getByText('工作时间内，学校请教职工专心工作，不浏览与工作无关的网站。')).toBeTruthy();
    expect(screen.getByTestId('blocked-reopens-line').textContent).toBe('今天 11:30 起可以正常打开。');
    expect(screen.getByTestId('blocked-message').textContent).toBe('工作时间请勿浏览与工作无关的网页。');
    expect(screen.getByText('北票市第七初级中学')).toBeTruthy();
    expect(api.reportBlocked).toHaveBeenCalledTimes(1);
    expect(api.reportBlocked).toHaveBeenCalledWith({});
    expect(api.describeBlock).toHaveBeenCalledWith({ url: URL_TAOBAO });
  });

  test.each(['reload', 'back_forward'])('does not report the attempt again on %s', async (navigationType) => {
    const { api } = setup(URL_TAOBAO, { navigationType });
    await screen.findByTestId('blocked-category');
    expect(api.reportBlocked).not.toHaveBeenCalled();
    expect(api.describeBlock).toHaveBeenCalledTimes(1);
  });

  test.each([
    ['a javascript: URL', 'javascript:alert(1)'],
    ['markup', '<img src=x onerror=alert(1)>'],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['nothing', ''],
  ])('a fragment that is %s is never shown, followed or sent', (_name, fragment) => {
    const { api, view } = setup(fragment);
    // The one image is Qingfeng's own icon (components/Brand.tsx); nothing from the fragment.
    expect(view.container.querySelector('img:not(.brand__icon), script, a[href]')).toBeNull();
    expect(view.container.textContent).not.toContain('alert');
    expect(screen.getByText('这个网页在工作时间暂不开放')).toBeTruthy();
    expect(api.describeBlock).not.toHaveBeenCalled();
    expect(api.reportBlocked).not.toHaveBeenCalled();
  });

  test('markup inside an http URL stays text', async () => {
    const evil = 'https://evil.example/<img src=x onerror=alert(1)>';
    const { view } = setup(evil, {}, info({ host: 'evil.example' }));
    await screen.findByTestId('blocked-category');
    expect(view.container.querySelector('img:not(.brand__icon)')).toBeNull();
    expect(screen.getByTestId('blocked-url').textContent).toBe(evil);
  });

  test('a 100 kB URL is cut for display and sent whole', async () => {
    const long = `https://taobao.com/?q=${'a'.repeat(100_000 - 22)}`;
    expect(long.length).toBe(100_000);
    const { api } = setup(long);
    await screen.findByTestId('blocked-category');
    const shown = screen.getByTestId('blocked-url').textContent ?? '';
    expect(shown.length).toBeLessThan(400);
    expect(shown.endsWith('…')).toBe(true);
    expect(api.describeBlock).toHaveBeenCalledWith({ url: long });
  });

  test('a host of 100,000 characters is cut for display (a crafted link), never a page-long block', async () => {
    const host = `${'a'.repeat(100_000 - 11)}.taobao.com`;
    setup(`https://${host}/`, {}, info({ host }));
    await screen.findByTestId('blocked-category');
    const shown = screen.getByTestId('blocked-host').textContent ?? '';
    expect(shown).toBe(`${'a'.repeat(21)}…${'a'.repeat(31)}.taobao.com`);
  });

  test('the reason needs 4 characters: 3 汉字 are refused, 4 accepted; ok navigates to the page', async () => {
    const { api, navigate } = setup(URL_TAOBAO);
    const reason = await screen.findByLabelText('因工作需要访问的理由（必填）');
    expect(screen.getByText('今天还可以临时访问 2 次（每天最多 3 次）。')).toBeTruthy();
    const options = [...(screen.getByLabelText('访问时长') as HTMLSelectElement).options].map((o) => o.value);
    expect(options).toEqual(['1', '5', '10']);

    fireEvent.input(reason, { target: { value: ' 查资料 ' } });
    fireEvent.click(screen.getByRole('button', { name: '临时访问' }));
    expect((await screen.findByTestId('unlock-error')).textContent).toBe('请写明理由，至少 4 个字。');
    expect(api.requestUnlock).not.toHaveBeenCalled();

    fireEvent.input(reason, { target: { value: '查教学资料' } });
    fireEvent.change(screen.getByLabelText('访问时长'), { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: '临时访问' }));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith(URL_TAOBAO));
    expect(api.requestUnlock).toHaveBeenCalledWith({ url: URL_TAOBAO, reason: '查教学资料', minutes: 5 });
    expect(screen.queryByTestId('unlock-error')).toBeNull();
  });

  test('an unlock answer with a non-http URL is not followed', async () => {
    const { api, navigate } = setup(URL_TAOBAO);
    api.requestUnlock.mockImplementation(() => Promise.resolve({ ok: true, until: at('2026-11-26T09:10'), url: 'javascript:alert(1)' }));
    fireEvent.input(await screen.findByLabelText('因工作需要访问的理由（必填）'), { target: { value: '备课需要' } });
    fireEvent.click(screen.getByRole('button', { name: '临时访问' }));
    await screen.findByTestId('unlock-granted');
    expect(navigate).not.toHaveBeenCalled();
  });

  test('a refused unlock says why', async () => {
    const { api } = setup(URL_TAOBAO);
    api.requestUnlock.mockImplementation(() => Promise.resolve({ ok: false, refusal: 'quota' }));
    fireEvent.input(await screen.findByLabelText('因工作需要访问的理由（必填）'), { target: { value: '备课需要' } });
    fireEvent.click(screen.getByRole('button', { name: '临时访问' }));
    expect((await screen.findByTestId('unlock-refusal')).textContent).toContain('今天的临时访问次数已经用完');
    expect(screen.queryByTestId('unlock-form')).toBeNull();
  });

  test.each([
    ['disabled', '学校没有开放临时访问。'],
    ['quota', '今天的临时访问次数已经用完，请在非工作时间再打开。'],
    ['notWorkTime', '现在不是工作时间，网站没有被拦截，请重新打开。'],
  ] as const)('refusal %s: says why and offers no form', async (refusal, text) => {
    setup(URL_TAOBAO, {}, info({ unlock: { enabled: refusal !== 'disabled', maxMinutes: 10, remainingToday: 0, maxPerDay: 3, refusal } }));
    expect((await screen.findByTestId('unlock-refusal')).textContent).toBe(text);
    expect(screen.queryByTestId('unlock-form')).toBeNull();
  });

  test('without history it says to close the tab; with history it goes back', async () => {
    const { goBack } = setup(URL_TAOBAO);
    fireEvent.click(await screen.findByRole('button', { name: '返回上一页' }));
    expect(goBack).toHaveBeenCalled();
    cleanup();
    setup(URL_TAOBAO, { canGoBack: false });
    expect(await screen.findByText('可以关闭这个标签页，或打开新的标签页继续工作。')).toBeTruthy();
  });

  // #17: the back button never returns to a blocked entry.
  test('when the background moved the tab here, the entry behind is the blocked site: no back, a close button', async () => {
    const closeTab = vi.fn();
    const { goBack } = setup(URL_TAOBAO, { blockedBehind: true, closeTab });
    await screen.findByTestId('blocked-category');
    expect(screen.queryByRole('button', { name: '返回上一页' })).toBeNull();
    expect(screen.getByTestId('blocked-behind').textContent).toContain('上一页就是被拦截的网站');
    fireEvent.click(screen.getByRole('button', { name: '关闭此标签页' }));
    expect(closeTab).toHaveBeenCalled();
    expect(goBack).not.toHaveBeenCalled();
  });

  // #17: a page may frame the block page under a fake form (clickjacking) or to bend the count.
  test('inside a frame: a short note, no report, no unlock form, no back button', async () => {
    const { api, view } = setup(URL_TAOBAO, { framed: true });
    expect(screen.getByTestId('blocked-framed').textContent).toContain('没有显示');
    await new Promise((r) => setTimeout(r, 10));
    expect(api.reportBlocked).not.toHaveBeenCalled();
    expect(api.describeBlock).not.toHaveBeenCalled();
    expect(view.container.querySelector('form, input, textarea, button')).toBeNull();
  });

  test('a custom category shows its own name in the UI language', async () => {
    const custom = info({ category: { id: 'stocks', builtin: false, name: { zh_CN: '炒股', en: 'Stock trading' }, mode: 'block' } });
    setup(URL_TAOBAO, {}, custom);
    expect((await screen.findByTestId('blocked-category')).textContent).toBe('炒股');
  });
});
