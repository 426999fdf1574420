/**
 * The phone view leaving the phone without a server: the `wxprobe.client/1` document as JSON, with
 * `env.domainCheck` read from the raw probe answer by the shared reading. It is what
 * `wxprobe probe --client-report`, `wxprobe diagnose --client` and the server's
 * `POST /api/v1/reports` take. As a file it goes to a chat with wx.shareFileMessage (base library
 * 2.16.1+, phones only); as text, to the clipboard (services/clipboard.ts).
 */
import type { ClientObservation } from '../shared/observations/client';

export function exportJson(client: ClientObservation): string {
  return `${JSON.stringify(client, null, 2)}\n`;
}

/** A file name a chat shows: host, date and time of the run, ASCII only. */
export function exportFileName(client: ClientObservation): string {
  const host = /^[a-z]+:\/\/([^/:?#]+)/i.exec(client.url)?.[1] ?? 'run';
  const when = (client.startedAt ?? '').replace(/[^0-9T]/g, '').slice(0, 15) || 'run';
  return `wxprobe-${host.replace(/[^A-Za-z0-9.-]/g, '_')}-${when}.json`;
}

export type ShareOutcome = { ok: true } | { ok: false; errMsg: string };

/** Writes the JSON into the user data folder and offers it to a chat. */
export function shareJsonFile(client: ClientObservation): Promise<ShareOutcome> {
  return new Promise((resolve) => {
    if (typeof wx.shareFileMessage !== 'function') {
      resolve({ ok: false, errMsg: 'shareFileMessage:fail not supported' });
      return;
    }
    const fileName = exportFileName(client);
    const filePath = `${wx.env.USER_DATA_PATH}/${fileName}`;
    try {
      wx.getFileSystemManager().writeFileSync(filePath, exportJson(client), 'utf8');
      wx.shareFileMessage({
        filePath,
        fileName,
        success: () => resolve({ ok: true }),
        fail: (err) => resolve({ ok: false, errMsg: err.errMsg }),
      });
    } catch (error) {
      resolve({ ok: false, errMsg: error instanceof Error ? error.message : String(error) });
    }
  });
}
