/**
 * Layout and contrast faults of the page as rendered (#18), as sentences; run in the page with
 * `page.evaluate(auditPage)`, so it is self-contained (no imports, no outer names).
 *
 * - horizontal overflow of the document;
 * - a text block taller than 600 px (a long host must wrap AND be cut);
 * - an input, select or textarea taller than its lines need (a textarea: its `rows`), or a
 *   textarea narrower than 90 % of its column (list boxes are full width);
 * - text whose colour against its effective background is below WCAG 2.x AA: 4.5:1, or 3:1 for
 *   large text (24 px, or 18.66 px bold). The colour is the computed `color` (`fill` for SVG
 *   text), the background the ancestors' computed background colours composited down to the
 *   canvas. Form controls count with their own colours, disabled ones too (stricter than
 *   WCAG, which exempts inactive controls: locked settings must still be readable).
 */
export function auditPage(): string[] {
  const problems: string[] = [];
  const describe = (el: Element) => {
    const id = el.id ? `#${el.id}` : '';
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    const text = (el.textContent ?? '').trim().slice(0, 30);
    return `<${el.tagName.toLowerCase()}${id}${cls}>${text ? ` "${text}"` : ''}`;
  };

  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) {
    const wide = [...document.body.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > root.clientWidth + 0.5).slice(-3);
    problems.push(`horizontal overflow: ${root.scrollWidth} px in ${root.clientWidth} px (${wide.map(describe).join(', ')})`);
  }

  type Rgba = [number, number, number, number];
  const parse = (css: string): Rgba | null => {
    const m = /^rgba?\(([^)]+)\)$/.exec(css.trim());
    if (!m || !m[1]) return null;
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    if (p.length < 3 || p.some((n) => Number.isNaN(n))) return null;
    return [p[0] ?? 0, p[1] ?? 0, p[2] ?? 0, p[3] ?? 1];
  };
  const over = (top: Rgba, under: Rgba): Rgba => {
    const a = top[3];
    return [top[0] * a + under[0] * (1 - a), top[1] * a + under[1] * (1 - a), top[2] * a + under[2] * (1 - a), 1];
  };
  const probe = document.createElement('div');
  probe.style.cssText = 'background-color: Canvas; position: absolute; width: 0; height: 0;';
  document.body.append(probe);
  const canvas = parse(getComputedStyle(probe).backgroundColor) ?? [255, 255, 255, 1];
  probe.remove();
  const background = (el: Element): Rgba | string => {
    const layers: Rgba[] = [];
    for (let e: Element | null = el; e; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.backgroundImage !== 'none') return `${describe(e)} has a background image`;
      const c = parse(style.backgroundColor);
      if (!c) return `${describe(e)} has an unreadable background ${style.backgroundColor}`;
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    return layers.reduceRight<Rgba>((under, top) => over(top, under), canvas);
  };
  const luminance = (c: Rgba) => {
    const lin = (v: number) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
  };
  const ratio = (a: Rgba, b: Rgba) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
    return (hi + 0.05) / (lo + 0.05);
  };
  const visible = (el: Element) => {
    const r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1 && el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  };
  const checkContrast = (el: Element) => {
    const style = getComputedStyle(el);
    const isSvg = el instanceof SVGElement;
    const fg = parse(isSvg ? style.fill : style.color);
    const bg = background(el);
    if (!fg) return problems.push(`${describe(el)}: unreadable text colour ${isSvg ? style.fill : style.color}`);
    if (typeof bg === 'string') return problems.push(bg);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    const need = large ? 3 : 4.5;
    const got = ratio(over(fg, bg), bg);
    if (got < need) problems.push(`${describe(el)}: contrast ${got.toFixed(2)} < ${need} (${style.color} on rgb(${bg.slice(0, 3).map(Math.round).join(',')}))`);
  };

  const seen = new Set<Element>();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || seen.has(el) || !(node.textContent ?? '').trim()) continue;
    seen.add(el);
    if (el.closest('option, script, style, title') || !visible(el)) continue;
    checkContrast(el);
    const height = el.getBoundingClientRect().height;
    if (height > 600) problems.push(`${describe(el)} is ${Math.round(height)} px tall`);
  }

  for (const el of document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea')) {
    if (!visible(el) || (el instanceof HTMLInputElement && ['checkbox', 'radio', 'hidden'].includes(el.type))) continue;
    if (el.value) checkContrast(el);
    const style = getComputedStyle(el);
    const px = (v: string) => parseFloat(v) || 0;
    const line = style.lineHeight === 'normal' ? px(style.fontSize) * 1.3 : px(style.lineHeight);
    const frame = px(style.paddingTop) + px(style.paddingBottom) + px(style.borderTopWidth) + px(style.borderBottomWidth);
    const lines = el instanceof HTMLTextAreaElement ? el.rows : 1;
    const needed = lines * line + frame;
    const rect = el.getBoundingClientRect();
    if (rect.height > needed + 8) problems.push(`${describe(el)} is ${Math.round(rect.height)} px tall for ${lines} line(s) (${Math.round(needed)} px)`);
    if (el instanceof HTMLTextAreaElement && el.parentElement) {
      const parent = getComputedStyle(el.parentElement);
      const column = el.parentElement.clientWidth - px(parent.paddingLeft) - px(parent.paddingRight);
      if (rect.width < column * 0.9) problems.push(`${describe(el)} is ${Math.round(rect.width)} px wide in a ${Math.round(column)} px column`);
    }
  }
  return problems;
}
