// Undo for Linux and Firefox (#14): their policies are whole files, so undoing is deleting
// the files the kit's README told the admin to copy. (Windows has its undo .reg files.)
import { FIREFOX_HARDENING } from './hardening';

export const LINUX_POLICY_PATHS = [
  '/etc/opt/chrome/policies/managed/qingfeng.json',
  '/etc/chromium/policies/managed/qingfeng.json',
] as const;

/** A shell script: deletes the two policy files, as root. */
export function linuxUndoScript(): string {
  return `#!/bin/sh
# 清风 Qingfeng: 删除本工具安装的 Linux 策略文件（以 root 身份运行：sudo sh undo-qingfeng.sh）。
# Removes the Linux policy files this kit installed (run as root: sudo sh undo-qingfeng.sh).
# Chrome/Chromium 约 5 秒内或重启后生效 / take effect within about 5 s or after a restart.
set -e
rm -f ${LINUX_POLICY_PATHS.join(' ')}
echo "Qingfeng policy files removed."
`;
}

/** What to delete for Firefox, in both languages (there is no one command for Windows and Linux). */
export function firefoxUndoText(geckoId: string): string {
  const keys = FIREFOX_HARDENING.map((p) => p.name).join(', ');
  return `清风 Qingfeng：撤销 Firefox 策略 / Undo the Firefox policy

删除以下文件，然后重启 Firefox / Delete these files, then restart Firefox:
  Windows: <Firefox 安装目录 / install folder>\\distribution\\policies.json
           (通常 / usually C:\\Program Files\\Mozilla Firefox\\distribution\\policies.json)
  Linux:   /etc/firefox/policies/policies.json
  受管理存储清单 / managed-storage manifest: ~/.mozilla/managed-storage/${geckoId}.json

如果 policies.json 里还有学校自己的策略，不要删除文件，只删除这些键：
If policies.json also holds the school's own policies, do not delete it; remove only these keys:
  policies."3rdparty".Extensions."${geckoId}"
  policies.ExtensionSettings."${geckoId}"
  ${keys}
`;
}
