#!/usr/bin/env python3
"""Writes the inbound reply corpus: NN-name.eml (raw MIME, {{TOKEN}} stands for the reply token) and
NN-name.json (what the parser must read). Run from this folder; the output is committed."""
import base64, json, quopri

SEC = 'pan.guangqiang@example.com'
REPLY = 'checkin+{{TOKEN}}@reply.dispatch.example.com'
SUBJ = 'Re: 月度报告：红光村 2026年3月 [#{{TOKEN}}]'
FULL = dict(daysInVillage=22, householdsVisited=15, problemsSolved=3, fundsSecuredYuan=35000, projectsAdvanced=2,
            highlights='完成村道硬化验收', helpNeeded='希望协调农技培训', leaveDays=2)
ORIGINAL_ZH = """驻村第一书记管理系统 <noreply@dispatch.example.com> 写道：
> {m}月度报告
> 潘光强：您好！
> 请填写2026年3月的驻村月度报告。
> 请于此日前填写：2026年3月8日
> 驻村天数: 
> 走访户数: 
> 解决问题数: 
> 争取资金（元）: 
> 推进项目数: 
> 工作亮点: 
> 需要帮助: 
> 请假天数: """.replace('{m}', '2026年3月')

def ew(s, charset='utf-8'):
    return '=?%s?B?%s?=' % (charset, base64.b64encode(s.encode(charset)).decode())

COUNTER = [0]

def subject_header(subject):
    # The token placeholder stays plain ASCII so the test can substitute it; the rest is an encoded word.
    return ' {{TOKEN}} '.join(ew(p) if p.strip() else '' for p in subject.split('{{TOKEN}}')).strip()

def headers(frm=SEC, to=REPLY, subject=SUBJ, extra=''):
    COUNTER[0] += 1
    return ('From: %s <%s>\r\nTo: %s\r\nSubject: %s\r\nDate: Mon, 02 Mar 2026 10:00:00 +0800\r\nMessage-ID: <r%d@example.com>\r\nMIME-Version: 1.0\r\n%s'
            % (ew('潘光强'), frm, to, subject_header(subject), COUNTER[0], extra))

def single(text, charset='utf-8', cte='base64', ctype='text/plain', **kw):
    raw = text.replace('\n', '\r\n').encode(charset)
    body = base64.encodebytes(raw).decode().replace('\n', '\r\n') if cte == 'base64' else quopri.encodestring(raw).decode().replace('\r\n', '\n').replace('\n', '\r\n') if cte == 'quoted-printable' else raw.decode(charset)
    return (headers(**kw) + 'Content-Type: %s; charset="%s"\r\nContent-Transfer-Encoding: %s\r\n\r\n' % (ctype, charset, cte)).encode() + body.encode(charset if cte == '8bit' else 'ascii')

def alternative(text, html, charset='utf-8', attachments=(), **kw):
    b1, b2 = 'ALT-b1x', 'MIX-b2x'
    def part(ct, s):
        return 'Content-Type: %s; charset=%s\r\nContent-Transfer-Encoding: base64\r\n\r\n%s' % (ct, charset, base64.encodebytes(s.replace('\n', '\r\n').encode(charset)).decode().replace('\n', '\r\n'))
    alt = 'Content-Type: multipart/alternative; boundary="%s"\r\n\r\n' % b1
    if text is not None:
        alt += '--%s\r\n%s\r\n' % (b1, part('text/plain', text))
    alt += '--%s\r\n%s\r\n--%s--\r\n' % (b1, part('text/html', html), b1)
    if not attachments:
        return (headers(**kw) + alt).encode()
    out = headers(**kw) + 'Content-Type: multipart/mixed; boundary="%s"\r\n\r\nThis is a multi-part message.\r\n--%s\r\n%s' % (b2, b2, alt)
    for name, ctype, data in attachments:
        out += '--%s\r\nContent-Type: %s; name="%s"\r\nContent-Disposition: attachment; filename="%s"\r\nContent-Transfer-Encoding: base64\r\n\r\n%s\r\n' % (b2, ctype, name, name, base64.encodebytes(data).decode().replace('\n', '\r\n'))
    return (out + '--%s--\r\n' % b2).encode()

def zh_lines(d=FULL, sep=': '):
    return '\n'.join(['驻村天数' + sep + str(d['daysInVillage']), '走访户数' + sep + str(d['householdsVisited']), '解决问题数' + sep + str(d['problemsSolved']),
                      '争取资金（元）' + sep + str(d['fundsSecuredYuan']), '推进项目数' + sep + str(d['projectsAdvanced']), '工作亮点' + sep + d['highlights'],
                      '需要帮助' + sep + d['helpNeeded'], '请假天数' + sep + str(d['leaveDays'])])

EN = dict(daysInVillage=21, householdsVisited=30, problemsSolved=4, fundsSecuredYuan=12000, projectsAdvanced=1,
          highlights='Finished the road repair', helpNeeded='Agricultural training', leaveDays=1)

def en_lines(d=EN, sep=': '):
    return '\n'.join(['Days in village' + sep + str(d['daysInVillage']), 'Households visited' + sep + str(d['householdsVisited']), 'Problems solved' + sep + str(d['problemsSolved']),
                      'Funds secured (yuan)' + sep + str(d['fundsSecuredYuan']), 'Projects advanced' + sep + str(d['projectsAdvanced']), 'Highlights' + sep + d['highlights'],
                      'Help needed' + sep + d['helpNeeded'], 'Leave days' + sep + str(d['leaveDays'])])

def acc(fields, mode='both', note=''):
    return dict(status='Accepted', fields=fields, mode=mode, note=note)

def unread(fields, unread_fields, mode='both', note='', problems=None):
    return dict(status='Unreadable', fields=fields, unread=unread_fields, mode=mode, note=note)

def rej(why, mode='both', note=''):
    return dict(status='Rejected', rejection=why, mode=mode, note=note)

cases = []
def add(name, eml, expected):
    cases.append((name, eml, expected))

add('zh-top-posted-quoted', single(zh_lines() + '\n\n' + ORIGINAL_ZH), acc(FULL))
add('zh-fullwidth', single('驻村天数：２２\n走访户数：１５\n解决问题数：３\n争取资金（元）：３５０００\n推进项目数：２\n工作亮点：完成村道硬化验收\n需要帮助：希望协调农技培训\n请假天数：２\n\n' + ORIGINAL_ZH), acc(FULL))
add('zh-chinese-numerals', single('驻村天数：二十二\n走访户数：十五\n解决问题数：三\n争取资金（元）：三万五千\n推进项目数：两\n工作亮点：完成村道硬化验收\n需要帮助：希望协调农技培训\n请假天数：二'), acc(FULL))
add('zh-units', single('驻村天数: 22天\n走访户数: 15户\n解决问题数: 3件\n争取资金（元）: 3.5万元\n推进项目数: 2个\n工作亮点: 完成村道硬化验收\n需要帮助: 希望协调农技培训\n请假天数: 2天'), acc(FULL))
add('en-simple', single(en_lines()), acc(EN))
add('en-equals-case', single(en_lines(sep=' = ').upper().replace('FINISHED THE ROAD REPAIR', 'Finished the road repair').replace('AGRICULTURAL TRAINING', 'Agricultural training')), acc(EN))
add('en-bottom-posted', single('On Sun, Mar 1, 2026 at 9:00 AM Dispatch <noreply@dispatch.example.com> wrote:\n> Please fill in your monthly check-in for March 2026.\n> Days in village: \n> Leave days: \n\n' + en_lines()), acc(EN))
add('zh-outlook-header-block', single(zh_lines() + '\n\n发件人: 驻村第一书记管理系统 <noreply@dispatch.example.com>\n发送时间: 2026年3月1日 9:00\n收件人: 潘光强 <pan.guangqiang@example.com>\n主题: 月度报告：红光村 2026年3月\n\n驻村天数: 30\n走访户数: 99\n请于此日前填写：2026年3月8日'), acc(FULL))
add('zh-qq-original', single(zh_lines() + '\n\n------------------ 原始邮件 ------------------\n发件人: "驻村第一书记管理系统"<noreply@dispatch.example.com>;\n发送时间: 2026年3月1日(星期天) 上午9:00\n驻村天数: 31\n请假天数: 9'), acc(FULL))
add('zh-gmail-attribution', single(zh_lines() + '\n\n在 2026年3月1日周日 09:00，驻村第一书记管理系统 <noreply@dispatch.example.com> 写道：\n> 驻村天数: 5\n> 请假天数: 5'), acc(FULL))
add('zh-signature-with-numbers', single(zh_lines() + '\n\n-- \n潘光强\n县农业农村局\n电话：13800138000\n驻村天数统计见附件'), acc(FULL))
add('zh-iphone-signature', single(zh_lines() + '\n\n发自我的iPhone\n\n' + ORIGINAL_ZH), acc(FULL))
HTML_ZH = '<html><head><style>p{color:red}</style></head><body><div>驻村天数：22</div><div>走访户数：15</div><div>解决问题数：3</div><div>争取资金（元）：35000</div><div>推进项目数：2</div><div>工作亮点：完成村道硬化验收</div><div>需要帮助：希望协调农技培训</div><div>请假天数：2</div><br><blockquote style="margin:0"><div>驻村天数: 9</div><blockquote>请假天数: 9</blockquote></blockquote></body></html>'
add('zh-html-only-blockquote', alternative(None, HTML_ZH), acc(FULL))
add('zh-html-only-gmail-quote', alternative(None, '<div dir="ltr">驻村天数：22<br>走访户数：15<br>解决问题数：3<br>争取资金（元）：35000<br>推进项目数：2<br>工作亮点：完成村道硬化验收<br>需要帮助：希望协调农技培训<br>请假天数：2</div><br><div class="gmail_quote"><div class="gmail_attr">在 2026年3月1日 写道：</div>驻村天数: 1<br>请假天数: 1</div>'), acc(FULL))
add('zh-gb18030-base64', single(zh_lines() + '\n\n' + ORIGINAL_ZH, charset='gb18030'), acc(FULL))
add('zh-gb2312-qp', single(zh_lines(), charset='gb2312', cte='quoted-printable'), acc(FULL))
add('zh-gbk-token-in-subject-only', single(zh_lines(), charset='gbk', to='checkin@reply.dispatch.example.com', subject='回复：月度报告 [#{{TOKEN}}]'), acc(FULL))
add('zh-utf8-qp', single(zh_lines() + '\n\n' + ORIGINAL_ZH, cte='quoted-printable'), acc(FULL))
add('zh-attachment-photo', alternative(zh_lines(), '<p>' + zh_lines().replace('\n', '<br>') + '</p>', attachments=[('照片.jpg', 'image/jpeg', b'\xff\xd8\xff\xe0' + bytes(range(256)) * 8)]), acc(FULL))
add('en-attachment-pdf', alternative(en_lines(), '<p>' + en_lines().replace('\n', '<br>') + '</p>', attachments=[('ledger.pdf', 'application/pdf', b'%PDF-1.4\n' + b'x' * 3000)]), acc(EN))
add('zh-forwarded-from-clerk', single('请查收，村文书整理的本月情况见下。\n\n---------- Forwarded message ---------\n发件人: 村文书 <clerk@example.com>\nDate: 2026年3月2日\nSubject: 三月情况\nTo: <pan.guangqiang@example.com>\n\n' + zh_lines()), acc(FULL))
add('zh-delegate-sender', single(zh_lines(), frm='wang.fang@example.com'), acc(FULL))
add('zh-wrong-sender', single(zh_lines(), frm='someone.else@example.com'), rej('SenderMismatch'))
add('zh-forged-token', single(zh_lines(), to='checkin+0123456789abcdef0123456789abcdef-0123456789@reply.dispatch.example.com', subject='Re: 月度报告'), rej('UnknownCheckIn'))
add('zh-wrong-reply-domain', single(zh_lines(), to='checkin+{{TOKEN}}@evil.example.net', subject='Re: 月度报告'), rej('UnknownCheckIn'))
add('zh-missing-fields', single('驻村天数：22\n走访户数：15\n解决问题数：3\n谢谢'), unread(dict(daysInVillage=22, householdsVisited=15, problemsSolved=3), ['fundsSecuredYuan', 'projectsAdvanced', 'leaveDays']))
add('zh-ambiguous-days', single(zh_lines().replace('驻村天数: 22', '驻村天数: 20或21')), unread({k: v for k, v in FULL.items() if k != 'daysInVillage'}, ['daysInVillage']))
add('zh-days-out-of-range', single(zh_lines().replace('驻村天数: 22', '驻村天数: 40')), unread({k: v for k, v in FULL.items() if k != 'daysInVillage'}, ['daysInVillage']))
NONE = dict(FULL, fundsSecuredYuan=0, helpNeeded='无', projectsAdvanced=0)
add('zh-none-values', single(zh_lines(NONE).replace('争取资金（元）: 0', '争取资金（元）: 无').replace('推进项目数: 0', '推进项目数: 没有')), acc(NONE))
MULTI = dict(FULL, highlights='完成村道硬化验收\n召开党员大会一次')
add('zh-multiline-highlights', single(zh_lines(MULTI)), acc(MULTI))
add('en-number-words', single('Days in village: twenty-two\nHouseholds visited: fifteen\nProblems solved: three\nFunds secured (yuan): 35000\nProjects advanced: two\nHighlights: Road repair done\nHelp needed: none\nLeave days: two'), acc(dict(daysInVillage=22, householdsVisited=15, problemsSolved=3, fundsSecuredYuan=35000, projectsAdvanced=2, highlights='Road repair done', helpNeeded='none', leaveDays=2)))
add('zh-numbered-bullets', single('\n'.join('%d. %s' % (i + 1, l) for i, l in enumerate(zh_lines().split('\n')))), acc(FULL))
add('zh-space-separator', single(zh_lines(sep=' ')), acc(FULL))
MIX = dict(FULL)
add('mixed-zh-en-labels', single('驻村天数: 22\nHouseholds visited: 15\n解决问题数: 3\nFunds secured: 35000\n推进项目数: 2\nHighlights: 完成村道硬化验收\n需要帮助: 希望协调农技培训\nLeave days: 2'), acc(MIX))
add('zh-funds-commas', single(zh_lines(dict(FULL, fundsSecuredYuan=12000)).replace('争取资金（元）: 12000', '争取资金（元）: 12,000元')), acc(dict(FULL, fundsSecuredYuan=12000)))
add('zh-funds-yen-sign', single(zh_lines(dict(FULL, fundsSecuredYuan=12000)).replace('争取资金（元）: 12000', '争取资金（元）: ￥12,000')), acc(dict(FULL, fundsSecuredYuan=12000)))
add('zh-funds-wan-decimal', single(zh_lines(dict(FULL, fundsSecuredYuan=12000)).replace('争取资金（元）: 12000', '争取资金: 1.2万')), acc(dict(FULL, fundsSecuredYuan=12000)))
add('hostile-10mb-body', single(zh_lines()), dict(status='Unreadable', fields={}, unread=[], mode='raw', padBytes=10 * 1024 * 1024, note='over the size limit: stored truncated and acknowledged'))
add('hostile-header-injection-from', single(zh_lines()), dict(status='Rejected', rejection='SenderMismatch', fields={}, mode='parsed', fromOverride=SEC + '\r\nBcc: victim@example.org', note='a CRLF in the parsed from field'))
add('hostile-two-from-headers', single(zh_lines(), extra='From: attacker@example.org\r\n'), rej('SenderMismatch', mode='raw'))
add('hostile-subject-crlf', single(zh_lines(), subject='Re: 月度报告 [#{{TOKEN}}]\r\nBcc: victim@example.org'), acc(FULL, note='the decoded subject carries CRLF; it is never copied into a header'))
add('hostile-script-html', alternative(None, '<script>alert(1)</script><div>驻村天数：22</div><div>走访户数：15</div><div>解决问题数：3</div><div>争取资金（元）：35000</div><div>推进项目数：2</div><div>工作亮点：完成村道硬化验收</div><div>需要帮助：希望协调农技培训</div><div>请假天数：2</div>' + '<div>' * 500 + '</div>' * 500), acc(FULL))
add('hostile-unclosed-boundary', (headers() + 'Content-Type: multipart/alternative; boundary="zzz"\r\n\r\n--zzz\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n' + zh_lines().replace('\n', '\r\n') + '\r\n').encode(), acc(FULL))
add('en-funds-parenthesis', single(en_lines(dict(EN, fundsSecuredYuan=35000)).replace('Funds secured (yuan): 35000', 'Funds secured (yuan): 35,000 yuan')), acc(dict(EN, fundsSecuredYuan=35000)))
add('zh-one-line-many', single('驻村天数22天；走访户数15户；解决问题数3件；争取资金3.5万元；推进项目数2个；请假天数2天\n工作亮点：完成村道硬化验收\n需要帮助：希望协调农技培训'), acc(FULL))
add('zh-envelope-only-token', single(zh_lines(), to='红光村回复 <reply@reply.dispatch.example.com>', subject='Re: 月度报告'), dict(status='Accepted', fields=FULL, mode='parsed', envelopeTo=REPLY, note='the token is only in the SMTP envelope'))
add('zh-leading-text-and-approx', single('书记您好，本月情况如下：\n驻村天数：约22天\n走访户数：15\n解决问题数：3\n争取资金（元）：35000\n推进项目数：2\n工作亮点：完成村道硬化验收\n需要帮助：希望协调农技培训\n请假天数：2\n\n谢谢！'), acc(FULL))
add('en-html-and-text-disagree', alternative('Days in village: 21\n(see HTML)', '<p>' + en_lines().replace('\n', '<br>') + '</p>'), acc(EN, note='the text part lacks answers, the HTML part has them'))

for i, (name, eml, expected) in enumerate(cases, 1):
    base = '%02d-%s' % (i, name)
    with open(base + '.eml', 'wb') as f:
        f.write(eml)
    with open(base + '.json', 'w', encoding='utf-8') as f:
        json.dump(expected, f, ensure_ascii=False, indent=2)
        f.write('\n')
print(len(cases), 'cases')
