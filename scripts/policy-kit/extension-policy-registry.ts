// How the extension's policy is written as registry values under
// ...\3rdparty\extensions\<id>\policy, so that Chrome and Edge read back exactly the JSON the
// admin validated.
//
// Source: Chromium components/policy/core/common/registry_dict.cc, ConvertRegistryValue
// and RegistryDict::ConvertToJSON, which turn the registry into JSON using the extension's
// managed_schema.json:
//   - REG_DWORD becomes a boolean where the schema says boolean ("Accept booleans encoded
//     as either string or integer") and stays an integer where it says integer;
//   - REG_SZ stays a string; and where the schema says object or array, a REG_SZ is parsed
//     as JSON ("Dictionaries may be encoded as JSON strings"; lists fall through to the
//     same case) and kept if the parsed type matches.
// The other encoding registry_dict.cc accepts — a subkey per object, numbered values "1",
// "2", … per list — is not used: RegistryDict keeps subkeys and values in maps ordered by
// case-insensitive name, so a list's items come back in the order "1", "10", "11", "2", …
// and any list of ten or more (hosts, holidays, work periods) would be reordered. One JSON
// string per top-level key keeps order, nesting and types exactly, and is also the form the
// Chrome policy templates document for Chrome's own dictionary policies on Windows
// (e.g. ExtensionSettings: a REG_SZ holding JSON).
import type { Policy } from '../../utils/policy/schema';
import type { RegValue } from './reg-file';

/** One registry value per top-level key the admin set, typed as Chrome's schema conversion expects. */
export function extensionPolicyRegistryValues(policy: Policy): RegValue[] {
  return Object.entries(policy)
    .filter(([, v]) => v !== undefined)
    .map(([name, v]: [string, unknown]): RegValue => {
      if (typeof v === 'boolean') return { name, type: 'dword', data: v ? 1 : 0 };
      if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return { name, type: 'dword', data: v };
      // Chrome converts a string to an integer or a double where the schema asks for one.
      if (typeof v === 'number') return { name, type: 'sz', data: String(v) };
      if (typeof v === 'string') return { name, type: 'sz', data: v };
      return { name, type: 'sz', data: JSON.stringify(v) };
    });
}
