// The kit's text: policy errors and its own `kit*` messages from the extension's
// _locales, formatted like chrome.i18n.getMessage, so the admin reads the same words the
// options page shows.
import { type ChromeMessages, formatMessage } from '../../utils/i18n/format-message';
import { formatPolicyError } from '../../utils/policy/schema';
import { type PolicyError } from '../../utils/policy/types';

export type KitText = {
  message(key: string, args?: string[]): string;
  policyError(err: PolicyError): string;
};

export function kitText(messages: ChromeMessages): KitText {
  return {
    message: (key, args = []) => formatMessage(messages, key, args) || [key, ...args].join(' '),
    policyError: (err) => formatPolicyError(err, messages),
  };
}
