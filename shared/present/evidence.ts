/**
 * Evidence lines: a verdict's evidence (data: a JSON Pointer into the report and typed facts, see
 * shared/observations/evidence.ts) said in zh or en. One renderer per kind, so a kind added to the
 * contract without its words does not compile. Raw values (codes, addresses, quoted raw texts) are
 * kept as they were observed; only the frame around them is translated. The CLI, the web page and
 * the mini-program only lay these lines out (the web page links each to the part it cites).
 */
import type {
  DifferentialCount,
  ErrorFacts,
  Evidence,
  EvidenceKind,
  FactsOf,
} from '../observations/evidence';
import { CERT_PLATFORMS, type CertCheck } from '../observations/evidence';
import { tlsVersionName } from '../observations/vocabulary';
import { certPlatformsText, certPlatformsVerb } from '../observations/cert-platforms';
import { VANTAGE_STATE_LABELS } from '../observations/vantages';
import { probeErrorText } from './labels';
import { probeStepLabel } from './notes';
import { variantLabel } from './variants';
import type { Lang } from '../taxonomy/codes';

export type EvidenceLine = {
  text: string;
  /** the JSON Pointer (into the report) of the observation part cited; null for a /1 text line */
  pointer: string | null;
};

type Say = { zh: string; en: string };
type Renderer<K extends EvidenceKind> = (facts: FactsOf<K>) => Say;

function quoted(text: string): string {
  return JSON.stringify(text);
}

function list(items: readonly (string | number)[]): string {
  return items.join(', ');
}

/** `request #0` / `requests #0-2,5` (numbered as in the observation). */
function requests(indexes: readonly number[]): string {
  return `${indexes.length === 1 ? 'request' : 'requests'} ${attempts(indexes)}`;
}

/** `#0-2,5` for attempt indexes 0,1,2,5 (numbered as in the observation). */
function attempts(indexes: readonly number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < indexes.length) {
    let j = i;
    while (j + 1 < indexes.length && indexes[j + 1] === (indexes[j] ?? 0) + 1) j++;
    parts.push(j > i ? `${indexes[i]}-${indexes[j]}` : String(indexes[i]));
    i = j + 1;
  }
  return `#${parts.join(',')}`;
}

/** A probe error: said by its code where known, its raw message kept (quoted) when not already shown. */
function error(e: ErrorFacts | null): Say {
  if (!e) return { zh: '', en: '' };
  const say = (lang: Lang) => {
    const text = probeErrorText(e, lang);
    return e.message && !text.includes(e.message) ? `${text} ${quoted(e.message)}` : text;
  };
  return { zh: say('zh'), en: say('en') };
}

function withError(base: Say, e: ErrorFacts | null, sep = { zh: '：', en: ': ' }): Say {
  if (!e) return base;
  const err = error(e);
  return { zh: `${base.zh}${sep.zh}${err.zh}`, en: `${base.en}${sep.en}${err.en}` };
}

const END: Record<string, Say> = {
  handshake: { zh: '握手完成', en: 'handshake completed' },
  rst: { zh: '被 RST 重置', en: 'reset (RST)' },
  fin: { zh: '被 FIN 关闭', en: 'closed (FIN)' },
  timeout: { zh: '超时无回应', en: 'timed out' },
  alert: { zh: '收到 TLS 告警', en: 'TLS alert' },
  error: { zh: '出错', en: 'error' },
};

function ending(
  end: string,
  serverBytes: boolean,
  alert: { code: number; description: string } | null,
  code: string | null,
  clientCertRequested = false,
): Say {
  const e = END[end] ?? { zh: end, en: end };
  const zh = [e.zh, serverBytes ? '服务器发过数据' : '服务器没发任何字节'];
  const en = [e.en, serverBytes ? 'the server sent bytes' : 'no byte from the server'];
  if (alert) {
    zh.push(`告警 ${alert.description}(${alert.code})`);
    en.push(`alert ${alert.description}(${alert.code})`);
  }
  if (code) {
    zh.push(code);
    en.push(code);
  }
  if (clientCertRequested) {
    zh.push('服务器要求了客户端证书');
    en.push('the server asked for a client certificate');
  }
  return { zh: zh.join('，'), en: en.join(', ') };
}

const COUNTED: Record<DifferentialCount, Say> = {
  'silent-reset': { zh: '被静默重置（服务器一个字节未回）', en: 'silently reset (no server byte)' },
  'silent-drop': { zh: '无回应直到超时', en: 'unanswered until the timeout' },
  reset: { zh: '被重置或关闭', en: 'reset or closed' },
  failed: { zh: '失败', en: 'failed' },
};

/** A p-value as read: two significant digits, exponent form below 0.001 (`3.3e-8`). */
function pValueText(p: number): string {
  if (p <= 0) return '0';
  if (p < 0.001) return p.toExponential(1).replace('.0e', 'e');
  return String(Number(p.toPrecision(2)));
}

/** A differential's side: its groups by name (a variant's label, any other id as is) and count. */
function side(g: FactsOf<'differential'>['target'], lang: Lang): string {
  const names = g.ids.map((id) => variantLabel(id, lang)).join(lang === 'zh' ? '、' : ' + ');
  return `${names} ${g.count}/${g.total}`;
}

const VARIANT: Record<string, Say> = {
  'sni-host': { zh: '带目标 SNI', en: 'target SNI' },
  'no-sni': { zh: '不带 SNI', en: 'no SNI' },
  'control-sni': { zh: '对照 SNI', en: 'control SNI' },
  'split-hello': { zh: '拆分 ClientHello', en: 'split ClientHello' },
};

/** The phone's attempts (to the target, or to the control URL) grouped by one raw outcome. */
function attemptsLine(f: FactsOf<'client-attempts'>, who: Say): Say {
  const which = attempts(f.attempts);
  const subject = { zh: who.zh, en: `${who.en} ${requests(f.attempts)}` };
  if (f.outcome === 'ok') {
    const status = f.statusCode === null ? '' : `HTTP ${f.statusCode}`;
    return {
      zh: `${subject.zh} ${which}：成功${status ? `，${status}` : ''}`,
      en: `${subject.en}: ok${status ? `, ${status}` : ''}`,
    };
  }
  if (f.outcome === 'http-status')
    return {
      zh: `${subject.zh} ${which}：收到 HTTP ${f.statusCode}`,
      en: `${subject.en}: answered HTTP ${f.statusCode}`,
    };
  const errno = f.errno === null ? '' : `errno=${f.errno} `;
  const cls = `${f.phase}/${f.kind}`;
  const raw = `${errno}errMsg=${quoted(f.errMsg ?? '')}`;
  return {
    zh: `${subject.zh} ${which} 失败：${raw}（归类为 ${cls}）`,
    en: `${subject.en} failed: ${raw} (classified ${cls})`,
  };
}

type PlatformFinding = FactsOf<'certificate-platforms'>['findings'][number];

/** One rule a certificate breaks, by check: its raw value and limit in a frame. */
const FINDING: Record<CertCheck, (f: PlatformFinding) => Say> = {
  anchor: (f) => ({
    zh: `链不到信任库里的根（${f.value}）`,
    en: `reaches no root of the trust store (${f.value})`,
  }),
  chain: (f) => ({
    zh: `只有按 AIA 下载中间证书才能补全证书链（${f.value}）`,
    en: `the chain completes only with an intermediate fetched over AIA (${f.value})`,
  }),
  dates: (f) =>
    f.limit === 'notBefore'
      ? {
          zh: `链上第 ${f.cert} 张 ${f.value} 才生效`,
          en: `chain certificate ${f.cert} valid only from ${f.value}`,
        }
      : {
          zh: `链上第 ${f.cert} 张已于 ${f.value} 过期`,
          en: `chain certificate ${f.cert} expired at ${f.value}`,
        },
  san: (f) => ({
    zh: `叶子证书没有 SAN，域名只写在 subject 里（${quoted(f.value)}）`,
    en: `the leaf has no SAN, the name only in its subject (${quoted(f.value)})`,
  }),
  name: (f) => ({
    zh: `SAN（${f.value}）不包含 ${f.limit ?? ''}`,
    en: `the SANs (${f.value}) do not cover ${f.limit ?? ''}`,
  }),
  eku: (f) => ({
    zh: `链上第 ${f.cert} 张的 EKU（${f.value || '没有 EKU 扩展'}）不含 serverAuth`,
    en: `chain certificate ${f.cert}'s EKU (${f.value || 'no EKU extension'}) lacks serverAuth`,
  }),
  key: (f) => ({
    zh: `链上第 ${f.cert} 张的密钥 ${f.value}（要求 ${f.limit ?? ''}）`,
    en: `chain certificate ${f.cert}'s key ${f.value} (required: ${f.limit ?? ''})`,
  }),
  signature: (f) => ({
    zh: `链上第 ${f.cert} 张的签名算法 ${f.value}`,
    en: `chain certificate ${f.cert} signed with ${f.value}`,
  }),
  validity: (f) => ({
    zh: `叶子证书有效期 ${f.value} 天，超过 ${f.limit ?? ''} 天的上限`,
    en: `the leaf is valid for ${f.value} days, over the ${f.limit ?? ''}-day cap`,
  }),
  'name-constraints': (f) => ({
    zh: `${f.value} 违反链上第 ${f.cert} 张的名称约束（${f.limit ?? ''}）`,
    en: `${f.value} breaks chain certificate ${f.cert}'s name constraints (${f.limit ?? ''})`,
  }),
};

function platformsLine(f: FactsOf<'certificate-platforms'>): Say {
  const say = (lang: 'zh' | 'en') => {
    const parts: string[] = [];
    if (f.reject.length > 0)
      parts.push(
        lang === 'zh'
          ? `${certPlatformsText(f.reject, lang)}拒绝`
          : `${certPlatformsText(f.reject, lang)} ${certPlatformsVerb(f.reject, 'reject')}`,
      );
    if (f.accept.length > 0)
      parts.push(
        lang === 'zh'
          ? `${certPlatformsText(f.accept, lang)}接受`
          : `${certPlatformsText(f.accept, lang)} ${certPlatformsVerb(f.accept, 'accept')}`,
      );
    const node =
      lang === 'zh'
        ? `Node 的校验（本探测）${f.nodeAccepts ? '接受' : '拒绝'}`
        : `Node's verification (this probe) ${f.nodeAccepts ? 'accepts' : 'rejects'}`;
    const findings = f.findings.map((finding) => {
      const text = FINDING[finding.check](finding)[lang];
      const everyone = finding.platforms.length === CERT_PLATFORMS.length;
      if (everyone) return text;
      return lang === 'zh'
        ? `${text}（${certPlatformsText(finding.platforms, lang)}拒绝）`
        : `${text} (${certPlatformsText(finding.platforms, lang)} ${certPlatformsVerb(finding.platforms, 'reject')})`;
    });
    return lang === 'zh'
      ? `按微信各端的证书校验规则：${[...parts, node].join('；')}${findings.length ? `。${findings.join('；')}` : ''}`
      : `by the certificate rules of WeChat's platforms: ${[...parts, node].join('; ')}${findings.length ? `. ${findings.join('; ')}` : ''}`;
  };
  return { zh: say('zh'), en: say('en') };
}

const RENDER: { [K in EvidenceKind]: Renderer<K> } = {
  'view-missing': (f) =>
    f.view === 'client'
      ? { zh: '没有小程序端的观测', en: 'no mini-program observation' }
      : { zh: '没有外部探测的观测', en: 'no outside probe observation' },
  'client-url': (f) => {
    const parts: string[] = [];
    if (f.scheme !== null) parts.push(`scheme=${f.scheme}`);
    if (f.host !== null) parts.push(`host=${f.host}`);
    if (f.explicitPort !== null) parts.push(f.explicitPort ? `port=${f.port}` : 'port=(default)');
    const api = f.api === null ? '' : ` (${f.api})`;
    const tail = parts.length ? `：${parts.join(' ')}` : '';
    return {
      zh: `小程序请求的 URL${api} ${quoted(f.url)}${tail}`,
      en: `mini-program URL${api} ${quoted(f.url)}${tail.replace('：', ': ')}`,
    };
  },
  'client-env': (f) => {
    const facts = `platform=${f.platform} WeChat ${f.version} SDK ${f.SDKVersion} envVersion=${f.envVersion} networkType=${f.networkType} enableDebug=${f.enableDebug} domainCheck=${f.domainCheck}`;
    return { zh: `小程序环境：${facts}`, en: `mini-program environment: ${facts}` };
  },
  'client-domain-check-evidence': (f) => ({
    zh: `判断域名校验状态的依据：${quoted(f.text)}`,
    en: `how the domain check was detected: ${quoted(f.text)}`,
  }),
  'client-ratio': (f) => ({
    zh: `小程序请求 ${f.ok}/${f.total} 次成功`,
    en: `mini-program requests: ${f.ok}/${f.total} succeeded`,
  }),
  'client-attempts': (f) => attemptsLine(f, { zh: '小程序请求', en: 'mini-program' }),
  'client-control': (f) => attemptsLine(f, { zh: '对照 URL 的请求', en: 'control-URL' }),
  'client-system-proxy': (f) => ({
    zh: `手机开着系统代理（hasSystemProxy=${f.hasSystemProxy}）`,
    en: `the phone has a system proxy on (hasSystemProxy=${f.hasSystemProxy})`,
  }),
  'client-network-events': (f) => {
    const events = f.events
      .map(
        (e) =>
          `${e.event}${e.networkType ? `=${e.networkType}` : ''}${e.isConnected === false ? ' disconnected' : ''}${e.weakNet ? ' weak' : ''}`,
      )
      .join(', ');
    return { zh: `运行期间的网络事件：${events}`, en: `network events during the run: ${events}` };
  },
  'client-handshake-done': (f) => ({
    zh: `超时的小程序请求 ${attempts(f.attempts)} 已完成 TLS 握手（profile.SSLconnectionEnd > 0）`,
    en: `timed-out mini-program ${requests(f.attempts)} had completed TLS (profile.SSLconnectionEnd > 0)`,
  }),
  'address-result': (f) => ({
    zh: `地址 ${f.address}（IPv${f.family}${f.primary ? '，主探测地址' : ''}）：${f.problem ?? '正常'}${f.error ? `（${f.error.code ?? f.error.message}）` : ''}`,
    en: `address ${f.address} (IPv${f.family}${f.primary ? ', the primary probed one' : ''}): ${f.problem ?? 'fine'}${f.error ? ` (${f.error.code ?? f.error.message})` : ''}`,
  }),
  'address-share': (f) => ({
    zh: `域名的 ${f.total} 个地址中有 ${f.affected} 个出问题（IPv${f.families.join('/IPv')}）`,
    en: `${f.affected} of the name's ${f.total} addresses fail (IPv${f.families.join('/IPv')})`,
  }),
  'vantage-result': (f) => {
    if (f.fails === null || f.cause === null) {
      const state = VANTAGE_STATE_LABELS[f.state];
      return {
        zh: `探测点 ${f.vantage}：${state.zh}，不计入比较`,
        en: `vantage ${f.vantage}: ${state.en}, not compared`,
      };
    }
    return f.fails
      ? { zh: `探测点 ${f.vantage}：失败，${f.cause}`, en: `vantage ${f.vantage}: fails, ${f.cause}` }
      : { zh: `探测点 ${f.vantage}：正常（${f.cause}）`, en: `vantage ${f.vantage}: works (${f.cause})` };
  },
  'client-peer-ip': (f) => ({
    zh: `小程序请求 ${attempts(f.attempts)} 实际连到 ${f.peerIP}（profile.peerIP），不在探测的 DNS 结果里`,
    en: `mini-program ${requests(f.attempts)} connected to ${f.peerIP} (profile.peerIP), not among the probe's DNS answers`,
  }),
  agreement: (f) => {
    if (f.passed)
      return {
        zh: `小程序请求 ${f.passed.ok}/${f.passed.total} 次成功，与 ${f.cause} 不符 ✗`,
        en: `mini-program requests ${f.passed.ok}/${f.passed.total} succeeded, which contradicts ${f.cause} ✗`,
      };
    const kinds = list(f.kinds);
    return f.agrees
      ? {
          zh: `小程序请求 ${attempts(f.attempts)} 的报错 ${kinds} 与 ${f.cause} 相符 ✓`,
          en: `mini-program ${requests(f.attempts)} failed with ${kinds}, which fits ${f.cause} ✓`,
        }
      : {
          zh: `小程序请求 ${attempts(f.attempts)} 的报错 ${kinds} 与 ${f.cause} 不符 ✗`,
          en: `mini-program ${requests(f.attempts)} failed with ${kinds}, which does not fit ${f.cause} ✗`,
        };
  },
  'probe-run': (f) => {
    const steps = f.steps.map((s) => `${s.step}=${s.status}`).join(' ');
    return {
      zh: `探测 ${quoted(f.url)}，开始于 ${f.startedAt}${steps ? `；各步骤：${steps}` : ''}`,
      en: `probe of ${quoted(f.url)} started ${f.startedAt}${steps ? `; steps: ${steps}` : ''}`,
    };
  },
  'probe-interrupted': (f) => ({
    zh: `探测被中途停止，未完成的步骤：${f.steps.map((s) => probeStepLabel(s, 'zh')).join('、') || '-'}`,
    en: `the probe was stopped early; steps not finished: ${list(f.steps.map((s) => probeStepLabel(s, 'en'))) || '-'}`,
  }),
  'probe-target': (f) => {
    const facts = `scheme=${f.scheme} host=${f.host} hostKind=${f.hostKind}${f.numericHostForm ? ` numericHostForm=${f.numericHostForm}` : ''}`;
    return { zh: `探测解析的目标：${facts}`, en: `the probe's parsed target: ${facts}` };
  },
  'probe-target-error': (f) => ({
    zh: `探测无法使用这个 URL：${quoted(f.error)}`,
    en: `the probe could not use the URL: ${quoted(f.error)}`,
  }),
  'policy-refused': (f) => {
    const refused = f.refused.length
      ? list(f.refused.map((r) => `${r.address} (${r.category}${r.reason ? `: ${r.reason}` : ''})`))
      : 'steps.policy=refused';
    return { zh: `地址策略拒绝了探测：${refused}`, en: `the address policy refused the probe: ${refused}` };
  },
  'policy-pinned': (f) => ({
    zh: `探测固定连接的地址：${f.address}`,
    en: `the probe's checked address: ${f.address}`,
  }),
  dns: (f) => {
    const server = f.server ?? '(system)';
    const addresses = f.addresses ? ` [${list(f.addresses)}]` : '';
    const errors = f.errors.map((e) =>
      `${e.rrtype}: ${e.code ?? ''} ${quoted(e.message)}`.replace('  ', ' '),
    );
    return {
      zh: `DNS（${server}）：status=${f.status}，${f.answers} 个地址${addresses}${errors.length ? `；${errors.join('；')}` : ''}`,
      en: `DNS (${server}): status=${f.status}, ${f.answers} ${f.answers === 1 ? 'answer' : 'answers'}${addresses}${errors.length ? `; ${errors.join('; ')}` : ''}`,
    };
  },
  'dns-answers': (f) => ({
    zh: `探测得到的地址（${f.source}）：${list(f.addresses)}`,
    en: `the probe's addresses (${f.source}): ${list(f.addresses)}`,
  }),
  'tcp-connect': (f) => {
    const where = `${f.address}${f.port === null ? '' : `:${f.port}`}`;
    const took =
      f.durationMs === null ? { zh: '', en: '' } : { zh: `，${f.durationMs} ms`, en: `, ${f.durationMs} ms` };
    return f.ok
      ? { zh: `TCP 连接 ${where}：成功${took.zh}`, en: `TCP connect to ${where}: ok${took.en}` }
      : withError(
          { zh: `TCP 连接 ${where}：失败${took.zh}`, en: `TCP connect to ${where}: failed${took.en}` },
          f.error,
          { zh: '，', en: ', ' },
        );
  },
  'tcp-no-result': (f) => ({
    zh: `TCP 连接步骤 ${f.status}，没有任何结果`,
    en: `TCP connect step ${f.status} with no result`,
  }),
  'tls-variant': (f) => {
    const v = VARIANT[f.variant] ?? { zh: f.variant, en: f.variant };
    const sni = f.sni === null ? '' : ` ${f.sni}`;
    const split =
      f.splitHello && f.variant !== 'split-hello' ? { zh: '，拆分发送', en: ', split' } : { zh: '', en: '' };
    const groups = f.failures.map((g) => ({
      n: g.count,
      say: ending(g.end, g.serverBytes, g.alert, g.code, g.clientCertRequested),
    }));
    const zhFail = groups.map((g) => `${g.n} 次${g.say.zh}`).join('；');
    const enFail = groups.map((g) => `${g.n}× ${g.say.en}`).join('; ');
    return {
      zh: `TLS 握手（${v.zh}${sni}${split.zh}）：${f.ok}/${f.total} 次成功${zhFail ? `；${zhFail}` : ''}`,
      en: `TLS handshakes (${v.en}${sni}${split.en}): ${f.ok}/${f.total} ok${enFail ? `; ${enFail}` : ''}`,
    };
  },
  'tls-versions': (f) => {
    const names = list(f.versions.map(tlsVersionName));
    const e = f.ending;
    const say = e.ok
      ? {
          zh: `握手完成${e.protocol ? `（${tlsVersionName(e.protocol)}）` : ''}`,
          en: `handshake completed${e.protocol ? ` (${tlsVersionName(e.protocol)})` : ''}`,
        }
      : ending(e.end, e.serverBytes > 0, e.alert, e.code, e.clientCertRequested);
    return {
      zh: `版本探测，单独提供 ${names.replace(/, /g, '、')} 时：${say.zh}`,
      en: `version sweep, ${names} offered alone: ${say.en}`,
    };
  },
  differential: (f) => {
    const significant = f.pValue < f.alpha;
    const p = pValueText(f.pValue);
    return {
      zh: `${COUNTED[f.counted].zh}：${side(f.target, 'zh')}，${side(f.others, 'zh')}；Fisher 精确检验（单侧）p = ${p}，${significant ? `小于显著性水平 ${f.alpha}：差异显著，不是偶然` : `不小于显著性水平 ${f.alpha}：差异可能只是偶然`}`,
      en: `${COUNTED[f.counted].en}: ${side(f.target, 'en')} vs ${side(f.others, 'en')}; Fisher's exact test (one-sided) p = ${p}, ${significant ? `below the significance level ${f.alpha}: beyond chance` : `not below the significance level ${f.alpha}: may be chance`}`,
    };
  },
  'tls-errors': (f) =>
    withError({ zh: `${f.count} 次 TLS 握手出错`, en: `${f.count} TLS handshakes failed` }, f.error),
  certificate: (f) =>
    withError(
      {
        zh: `证书：校验${f.verifyOk ? '通过' : '未通过'}，域名${f.hostnameOk ? '匹配' : '不匹配'}，链上 ${f.chainLength} 张`,
        en: `certificate: verify ${f.verifyOk ? 'ok' : 'failed'}, hostname ${f.hostnameOk ? 'ok' : 'mismatch'}, ${f.chainLength} in the chain`,
      },
      f.verifyError,
    ),
  'certificate-verify': (f) =>
    withError(
      { zh: `证书校验${f.ok ? '通过' : '未通过'}`, en: `certificate verification ${f.ok ? 'ok' : 'failed'}` },
      f.error,
    ),
  'certificate-hostname': (f) =>
    withError(
      {
        zh: `证书${f.ok ? '包含' : '不包含'}域名 ${f.host}`,
        en: `the certificate ${f.ok ? 'covers' : 'does not cover'} ${f.host}`,
      },
      f.error,
    ),
  'certificate-names': (f) => ({
    zh: `证书的域名（SAN）：${list(f.sans) || '(无)'}；subject=${quoted(f.subject)}`,
    en: `names in the certificate (SAN): ${list(f.sans) || '(none)'}; subject=${quoted(f.subject)}`,
  }),
  'certificate-chain': (f) => {
    const key = `${f.keyType}${f.keyBits ?? ''}`;
    const facts = `subject=${quoted(f.subject)} issuer=${quoted(f.issuer)} notBefore=${f.notBefore} notAfter=${f.notAfter} key=${key} sig=${f.signatureAlgorithm}${f.selfSigned ? ' selfSigned' : ''}`;
    const d = f.dates;
    const judged = !d
      ? { zh: '', en: '' }
      : d.judged === 'expired'
        ? { zh: `；探测时（${d.startedAt}）已过期`, en: `; expired at probe time (${d.startedAt})` }
        : d.judged === 'not-yet-valid'
          ? { zh: `；探测时（${d.startedAt}）尚未生效`, en: `; not yet valid at probe time (${d.startedAt})` }
          : { zh: `；探测时（${d.startedAt}）在有效期内`, en: `; valid at probe time (${d.startedAt})` };
    return {
      zh: `证书链第 ${f.index} 张：${facts}${judged.zh}`,
      en: `chain certificate ${f.index}: ${facts}${judged.en}`,
    };
  },
  'certificate-aia': (f) => {
    const base = f.fetched
      ? {
          zh: `按 AIA 下载了签发者证书（${f.url ?? '-'}，${f.bytes} 字节）`,
          en: `issuer fetched via AIA (${f.url ?? '-'}, ${f.bytes} bytes)`,
        }
      : {
          zh: `AIA 未下载到签发者证书（${f.url ?? '无地址'}）`,
          en: `no issuer fetched via AIA (${f.url ?? 'no URL'})`,
        };
    const withErr = withError(base, f.error);
    if (!f.verify) return withErr;
    const verify = withError(
      {
        zh: `补全后的链校验${f.verify.ok ? '通过' : '未通过'}`,
        en: `the completed chain ${f.verify.ok ? 'verifies' : 'does not verify'}`,
      },
      f.verify.error,
    );
    return { zh: `${withErr.zh}；${verify.zh}`, en: `${withErr.en}; ${verify.en}` };
  },
  'certificate-platforms': platformsLine,
  'http-hop': (f) => {
    const parts: string[] = [];
    if (f.status !== null) parts.push(`HTTP ${f.status}`);
    if (f.server !== null) parts.push(`server=${quoted(f.server)}`);
    if (f.location !== null) parts.push(`location=${quoted(f.location)}`);
    if (f.ttfbMs !== null) parts.push(`ttfb ${f.ttfbMs} ms`);
    const facts = parts.join(' ');
    return withError(
      { zh: `HTTP 第 ${f.index} 跳 ${f.url}：${facts}`, en: `HTTP hop ${f.index} ${f.url}: ${facts}` },
      f.error,
      { zh: facts ? '，' : '', en: facts ? ', ' : '' },
    );
  },
  'http-no-hops': (f) => ({
    zh: `HTTP 请求步骤 ${f.status}，没有任何一跳`,
    en: `HTTP step ${f.status} with no hop`,
  }),
  'http-timeout': (f) => ({
    zh: `探测的 HTTP 超时上限：${f.timeoutMs} ms`,
    en: `the probe's HTTP timeout: ${f.timeoutMs} ms`,
  }),
  port80: (f) => {
    const parts: string[] = [];
    if (f.status !== null) parts.push(`status=${f.status}`);
    if (f.statusCode !== null) parts.push(`HTTP ${f.statusCode}`);
    if (f.server !== null) parts.push(`server=${quoted(f.server)}`);
    if (f.title !== null) parts.push(`title=${quoted(f.title)}`);
    if (f.location !== null) parts.push(`location=${quoted(f.location)}`);
    const where = f.address ? ` ${f.address}` : '';
    return withError(
      {
        zh: `明文 HTTP 检查${where}：${parts.join(' ')}`,
        en: `plain-HTTP check${where}: ${parts.join(' ')}`,
      },
      f.error,
      { zh: '，', en: ', ' },
    );
  },
};

/** One piece of evidence in the reader's language, with the pointer it cites. */
export function evidenceLine(piece: Evidence | string, lang: Lang): EvidenceLine {
  // A stored wxprobe.report/1 (e.g. in the phone's history) holds text lines: shown as they are.
  if (typeof piece === 'string') return { text: piece, pointer: null };
  const render = RENDER[piece.kind] as Renderer<EvidenceKind> | undefined;
  if (!render) return { text: `${piece.kind} ${JSON.stringify(piece.facts)}`, pointer: piece.pointer };
  return { text: render(piece.facts as never)[lang], pointer: piece.pointer };
}

export function evidenceLines(pieces: ReadonlyArray<Evidence | string>, lang: Lang): EvidenceLine[] {
  return pieces.map((p) => evidenceLine(p, lang));
}

/** The id an HTML page gives the observation part at `pointer`, so an evidence line can link to it. */
export function pointerAnchor(pointer: string): string {
  return `obs${pointer.replace(/[^A-Za-z0-9_-]/g, (c) => (c === '/' ? '.' : `_${c.charCodeAt(0).toString(16)}`))}`;
}

/** The value at a JSON Pointer in a document (undefined when it is not there). */
export function resolvePointer(doc: unknown, pointer: string): unknown {
  if (pointer === '') return doc;
  let at: unknown = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (at === null || typeof at !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}
