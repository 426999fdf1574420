/**
 * What a WeChat mini-program's wx.request sends, so servers and middleboxes that treat WeChat
 * specially (Referer allow-lists, UA filters) answer the probe as they answer the phone. The Referer
 * is fixed by WeChat (`https://servicewechat.com/{appid}/{version}/page-frame.html`, version 0 for
 * develop/trial builds); `--header` overrides any of these.
 */
export const PLACEHOLDER_APPID = 'wx0000000000000000';

export const WECHAT_USER_AGENT =
  'Mozilla/5.0 (Linux; Android 14; Pixel 7 Build/UQ1A.240205.004; wv) AppleWebKit/537.36 ' +
  '(KHTML, like Gecko) Version/4.0 Chrome/130.0.6723.103 Mobile Safari/537.36 XWEB/1300289 ' +
  'MMWEBSDK/20241103 MMWEBID/0 MicroMessenger/8.0.54.2760(0x28003637) WeChat/arm64 Weixin ' +
  'NetType/WIFI Language/zh_CN ABI/arm64 MiniProgramEnv/android';

export function wechatHeaders(overrides: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': WECHAT_USER_AGENT,
    referer: `https://servicewechat.com/${PLACEHOLDER_APPID}/0/page-frame.html`,
    'content-type': 'application/json',
    accept: '*/*',
  };
  for (const [name, value] of Object.entries(overrides)) headers[name.toLowerCase()] = value;
  return headers;
}
