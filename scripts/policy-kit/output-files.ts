// The output folder's layout, in one place for the generator, the READMEs and the tests.
import { GECKO_ID } from '../../utils/extension-id';
export const OUTPUT_FILES = {
  policy: 'policy.json',
  chromeReg: 'windows/qingfeng-chrome.reg',
  edgeReg: 'windows/qingfeng-edge.reg',
  linuxChrome: 'linux/chrome/qingfeng.json',
  linuxChromium: 'linux/chromium/qingfeng.json',
  firefoxPolicies: 'firefox/policies.json',
  firefoxManagedStorage: `firefox/managed-storage/${GECKO_ID}.json`,
  chromeUndoReg: 'windows/undo-qingfeng-chrome.reg',
  edgeUndoReg: 'windows/undo-qingfeng-edge.reg',
  linuxUndo: 'linux/undo-qingfeng.sh',
  firefoxUndo: 'firefox/undo-qingfeng.txt',
  readmeZhCN: 'README.zh-CN.md',
  readmeEn: 'README.en.md',
} as const;
