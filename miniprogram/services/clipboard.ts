/**
 * Copying text to the clipboard, as WeChat really behaves: `wx.setClipboardData` is a privacy API.
 * It fails with errno 112 when the clipboard is not declared in the mini-program's privacy guide
 * (公众平台 → 用户隐私保护指引 → 剪切板) and with errno 104 when the user refuses the privacy prompt
 * (components/privacy-popup answers wx.onNeedPrivacyAuthorization). On success WeChat shows its own
 * toast「内容已复制」, so the caller shows none; on failure the caller shows the text to copy by hand.
 */
export const COPY_FAILURES = ['privacy-denied', 'privacy-undeclared', 'failed'] as const;
export type CopyFailure = (typeof COPY_FAILURES)[number];
export type CopyOutcome =
  { ok: true } | { ok: false; reason: CopyFailure; errMsg: string; errno: number | null };

function failureOf(err: unknown): CopyOutcome {
  const raw = (typeof err === 'object' && err !== null ? err : {}) as { errMsg?: unknown; errno?: unknown };
  const errMsg = typeof raw.errMsg === 'string' ? raw.errMsg : String(err);
  const errno = typeof raw.errno === 'number' ? raw.errno : null;
  // errno first; the words for base libraries that send none (any case).
  const reason: CopyFailure =
    errno === 112 || /not declared in the privacy/i.test(errMsg)
      ? 'privacy-undeclared'
      : errno === 104 || /privacy permission is not authorized/i.test(errMsg)
        ? 'privacy-denied'
        : 'failed';
  return { ok: false, reason, errMsg, errno };
}

export function copyToClipboard(data: string): Promise<CopyOutcome> {
  return new Promise((resolve) => {
    try {
      wx.setClipboardData({
        data,
        success: () => resolve({ ok: true }),
        fail: (err) => resolve(failureOf(err)),
      });
    } catch (error) {
      resolve(failureOf({ errMsg: error instanceof Error ? error.message : String(error) }));
    }
  });
}
