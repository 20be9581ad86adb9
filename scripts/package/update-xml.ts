// The update manifest Chrome and Edge fetch from a manifest's `update_url`: the "gupdate"
// XML of Chromium's extension updater (protocol 2.0). One <app> per extension id, whose
// <updatecheck> names the CRX to download and its version; Chrome installs it only when that
// version is higher than the one it has (docs/deploy.en.md, "Publishing an update").
// Format: https://developer.chrome.com/docs/extensions/how-to/distribute/host-on-linux#update_url

export type UpdateEntry = { appId: string; codebase: string; version: string };

function escapeXmlAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export function gupdateXml({ appId, codebase, version }: UpdateEntry): string {
  const attr = escapeXmlAttribute;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<gupdate xmlns="http://www.google.com/update2/response" protocol="2.0">`,
    `  <app appid="${attr(appId)}">`,
    `    <updatecheck codebase="${attr(codebase)}" version="${attr(version)}"/>`,
    `  </app>`,
    `</gupdate>`,
    '',
  ].join('\n');
}
