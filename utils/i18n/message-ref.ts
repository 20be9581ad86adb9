/** A localised message by its _locales key and substitutions, resolved where it is shown. */
export interface MessageRef {
  key: string;
  args: string[];
}
