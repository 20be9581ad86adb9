import type { ResolvedPolicy } from '../policy/schema';
import { CATEGORY_IDS } from '../policy/constants';
import type { CategoryInfo } from '../messages/types';

/** Every category the configuration knows, built-in first, as the pages show them. */
export function categoryInfos(values: ResolvedPolicy): CategoryInfo[] {
  return [
    ...CATEGORY_IDS.map((id): CategoryInfo => ({ id, builtin: true, mode: values.categories[id].mode })),
    ...values.customCategories.map((c): CategoryInfo => ({
      id: c.id,
      builtin: false,
      name: c.name.en === undefined ? { zh_CN: c.name.zh_CN } : { zh_CN: c.name.zh_CN, en: c.name.en },
      mode: c.mode,
    })),
  ];
}
