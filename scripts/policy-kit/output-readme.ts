// README.zh-CN.md and README.en.md in the output folder: what each file is, where it goes,
// and how to check a PC. The long form, with the limits, is docs/deploy.*.md.
import { FORCELIST_VALUE_NAME } from './force-install';
import { CHROME_HARDENING, EDGE_HARDENING, FIREFOX_HARDENING, type HardeningPolicy } from './hardening';
import { OUTPUT_FILES } from './output-files';

export type ReadmeInput = {
  chromeId: string;
  edgeId: string;
  geckoId: string;
  chromeUpdateUrl: string;
  edgeUpdateUrl: string;
  xpiUrl: string;
  xpiIsPlaceholder: boolean;
  harden: boolean;
};

const names = (list: readonly HardeningPolicy[]) => list.map((p) => `\`${p.name}\``).join(', ');

export function readmeZhCN(r: ReadmeInput): string {
  const f = OUTPUT_FILES;
  return `# 清风 策略部署文件

由清风策略编辑器（\`admin.html\` 或 \`qingfeng-policy-editor.html\`）或 \`npm run policy\` 根据已通过校验的策略生成，两者生成的文件完全相同。详细说明见仓库中的 \`docs/deploy.zh-CN.md\`。

扩展标识：Chrome \`${r.chromeId}\`，Edge \`${r.edgeId}\`，Firefox \`${r.geckoId}\`。

| 文件 | 是什么 | 放到哪里 |
|---|---|---|
| \`${f.policy}\` | 规范化后的策略（扩展会再次按同一规则解析它） | 存档；修改后重新运行 \`npm run policy\` |
| \`${f.chromeReg}\` | Chrome 的注册表文件：扩展策略、强制安装${r.harden ? '、加固策略' : ''} | 每台 Windows 电脑以管理员身份导入：\`reg import ${f.chromeReg.split('/').pop()}\`；或在组策略中用“首选项 → Windows 设置 → 注册表”下发同样的值 |
| \`${f.edgeReg}\` | Edge 的注册表文件，内容同上 | 同上 |
| \`${f.linuxChrome}\` | Linux 上 Chrome 的策略文件 | \`/etc/opt/chrome/policies/managed/qingfeng.json\` |
| \`${f.linuxChromium}\` | Linux 上 Chromium 的策略文件 | \`/etc/chromium/policies/managed/qingfeng.json\` |
| \`${f.firefoxPolicies}\` | Firefox 企业策略 | Windows：\`firefox.exe\` 所在目录下的 \`distribution\\policies.json\`；Linux：\`/etc/firefox/policies/policies.json\` |
| \`${f.firefoxManagedStorage}\` | Firefox 受管理存储清单（只含扩展策略，不安装扩展） | 单个用户或 Linux：\`~/.mozilla/managed-storage/\` |
| \`${f.chromeUndoReg}\` | 撤销 Chrome：删除扩展策略键、强制安装值和所有加固值 | 需要撤销时以管理员身份导入 |
| \`${f.edgeUndoReg}\` | 撤销 Edge，内容同上 | 同上 |
| \`${f.linuxUndo}\` | 撤销 Linux：删除上面两个策略文件 | \`sudo sh undo-qingfeng.sh\` |
| \`${f.firefoxUndo}\` | 撤销 Firefox：要删除的文件和键 | 按其中说明删除，然后重启 Firefox |

注意：

- 注册表文件先删除旧的扩展策略键再写入，所以从策略中删掉的设置不会残留。对象和列表以 JSON 字符串（REG_SZ）写入，Chrome 按扩展的 managed_schema.json 解析。
- 强制安装使用 \`ExtensionInstallForcelist\` 下名为 \`${FORCELIST_VALUE_NAME}\` 的值，不影响学校已有的其他编号值。如果学校已经用组策略模板（ADMX）管理 \`ExtensionInstallForcelist\`，请把 \`${r.chromeId};${r.chromeUpdateUrl}\` 加到那条策略里，否则组策略刷新时会把这个值清掉。Linux 上若别的策略文件已设置 \`ExtensionInstallForcelist\`，请把这一项合并进去（同一策略出现在两个文件中时只有一个生效）。
- 更新地址：Chrome \`${r.chromeUpdateUrl}\`，Edge \`${r.edgeUpdateUrl}\`。未加入域（或未受 MDM/云管理）的 Windows 电脑只能强制安装商店中的扩展。
- Firefox 安装地址：\`${r.xpiUrl}\`${r.xpiIsPlaceholder ? '。**这是占位符：请用 `--xpi-url` 重新生成，或把 policies.json 中的 `install_url` 改成学校服务器上 qingfeng.xpi 的地址。**' : '。'}
${r.harden ? `- 已加固（--harden）：Chrome ${names(CHROME_HARDENING)}；Edge ${names(EDGE_HARDENING)}；Firefox ${names(FIREFOX_HARDENING)}。关闭无痕/InPrivate/隐私窗口、访客模式、新建用户资料、扩展开发者模式，以及 Firefox 的 about:config、故障排除模式（安全模式）和开发者工具，并锁定 \`extensions.dnr.enabled\`。Chrome 和 Edge 的开发者工具仍可使用：它们默认就不允许对策略安装的扩展使用开发者工具。\n` : '- 未加固。**注意：不加 --harden 重新生成的注册表文件不会删除以前导入的加固值。** 要去掉加固，先导入 `windows/undo-qingfeng-*.reg`，再导入新的注册表文件。\n'}
## 如何检查一台电脑

- 生效时间：Windows 上，Chrome 和 Edge 在 Windows 通知组策略刷新时（加入域的电脑约每 90 分钟，随机相差最多 30 分钟；或运行 \`gpupdate /force\` 时）重新读取注册表，此外至少每 15 分钟自行重读一次。要立即生效：在 \`chrome://policy\`（\`edge://policy\`）点“重新加载政策”，或重启浏览器。Linux 上的策略文件约 5 秒内生效。
- Chrome 打开 \`chrome://policy\`（Edge：\`edge://policy\`），点“重新加载政策”，在扩展 \`${r.chromeId}\` 下应看到各项设置。Chrome 会先丢弃扩展 managed_schema.json 中没有的键（例如拼错的键）和类型不符的值，扩展根本收不到它们，所以清风的选项页无法报告；只有 \`chrome://policy\` 会显示它们，而策略编辑器和 \`npm run policy\` 会在生成前指出拼错的键。
- Firefox 打开 \`about:policies\`；Firefox 只在启动时读取策略，修改后需重启浏览器。
- 在清风的“选项”页面的“策略”部分：是否有受管理策略、是否有效、错误及其位置、读取时间。
`;
}

export function readmeEn(r: ReadmeInput): string {
  const f = OUTPUT_FILES;
  return `# Qingfeng (清风) policy deployment files

Made by the Qingfeng policy editor (\`admin.html\` or \`qingfeng-policy-editor.html\`) or by \`npm run policy\` from a policy that passed validation; both write the same files. The full guide is \`docs/deploy.en.md\` in the repository.

Extension ids: Chrome \`${r.chromeId}\`, Edge \`${r.edgeId}\`, Firefox \`${r.geckoId}\`.

| File | What it is | Where it goes |
|---|---|---|
| \`${f.policy}\` | The normalised policy (the extension parses it again with the same rules) | Keep it; edit and run \`npm run policy\` again |
| \`${f.chromeReg}\` | Chrome registry file: the extension's policy, the force-install entry${r.harden ? ', hardening' : ''} | Import on each Windows PC as administrator: \`reg import ${f.chromeReg.split('/').pop()}\`; or push the same values with Group Policy Preferences → Windows Settings → Registry |
| \`${f.edgeReg}\` | The same for Edge | As above |
| \`${f.linuxChrome}\` | Chrome policy file for Linux | \`/etc/opt/chrome/policies/managed/qingfeng.json\` |
| \`${f.linuxChromium}\` | Chromium policy file for Linux | \`/etc/chromium/policies/managed/qingfeng.json\` |
| \`${f.firefoxPolicies}\` | Firefox enterprise policies | Windows: \`distribution\\policies.json\` in the folder of \`firefox.exe\`; Linux: \`/etc/firefox/policies/policies.json\` |
| \`${f.firefoxManagedStorage}\` | Firefox managed-storage manifest (the extension's policy only; installs nothing) | Per user or on Linux: \`~/.mozilla/managed-storage/\` |
| \`${f.chromeUndoReg}\` | Undo for Chrome: deletes the extension policy key, the force-install value and every hardening value | Import as administrator when you want to undo |
| \`${f.edgeUndoReg}\` | The same for Edge | As above |
| \`${f.linuxUndo}\` | Undo for Linux: deletes the two policy files above | \`sudo sh undo-qingfeng.sh\` |
| \`${f.firefoxUndo}\` | Undo for Firefox: the files and keys to delete | Follow it, then restart Firefox |

Notes:

- The registry files delete the old extension policy key before writing it, so a setting removed from the policy does not linger. Objects and lists are written as JSON strings (REG_SZ), which Chrome parses with the extension's managed_schema.json.
- Force-install uses the value named \`${FORCELIST_VALUE_NAME}\` under \`ExtensionInstallForcelist\` and leaves the school's other numbered values alone. If the school manages \`ExtensionInstallForcelist\` with the Chrome ADMX template, add \`${r.chromeId};${r.chromeUpdateUrl}\` to that policy instead, or the next Group Policy refresh removes this value. On Linux, if another policy file already sets \`ExtensionInstallForcelist\`, merge this entry into it (a policy set in two files is a conflict; only one applies).
- Update URLs: Chrome \`${r.chromeUpdateUrl}\`, Edge \`${r.edgeUpdateUrl}\`. Windows PCs not joined to a domain (nor MDM- or cloud-managed) can force-install only store-hosted extensions.
- Firefox install URL: \`${r.xpiUrl}\`${r.xpiIsPlaceholder ? '. **This is a placeholder: run again with `--xpi-url`, or set `install_url` in policies.json to the address of qingfeng.xpi on the school\'s server.**' : '.'}
${r.harden ? `- Hardened (--harden): Chrome ${names(CHROME_HARDENING)}; Edge ${names(EDGE_HARDENING)}; Firefox ${names(FIREFOX_HARDENING)}. This turns off Incognito/InPrivate/private windows, guest mode, new profiles, extension developer mode, and Firefox's about:config, Troubleshoot Mode (Safe Mode) and developer tools, and locks \`extensions.dnr.enabled\` on. Chrome's and Edge's developer tools stay available: by default they refuse them on policy-installed extensions.\n` : '- Not hardened. **A registry file made without --harden does not remove hardening values imported earlier.** To remove them, import `windows/undo-qingfeng-*.reg` first, then the new registry file.\n'}
## Checking a PC

- When it applies: on Windows, Chrome and Edge read the registry again when Windows signals a Group Policy refresh (about every 90 minutes with a random offset of up to 30 on domain PCs, or on \`gpupdate /force\`), and in any case at least every 15 minutes. To apply at once: press "Reload policies" on \`chrome://policy\` (\`edge://policy\`), or restart the browser. Linux policy files apply within about 5 seconds.
- Chrome: open \`chrome://policy\` (Edge: \`edge://policy\`), press "Reload policies"; the settings appear under the extension \`${r.chromeId}\`. Chrome first drops keys the extension's managed_schema.json lacks (a misspelt key, say) and values of the wrong type: the extension never receives them, so Qingfeng's options page cannot report them. Only \`chrome://policy\` shows them; the policy editor and \`npm run policy\` catch misspelt keys before any file is written.
- Firefox: open \`about:policies\`. Firefox reads policies only at start-up: restart it after a change.
- Qingfeng's options page, Policy section: whether a managed policy is present, valid, its errors with their paths, and when it was read.
`;
}
