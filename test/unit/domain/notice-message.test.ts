import { noticeMessage } from '../../../src/domain/notice-delivery/message';

const caseUrl = (id: string) => `https://petitions.example.gov.cn/cases/${id}`;

/** What a petitioner told the bureau: none of it may leave in a mail or an SMS. */
const PETITIONER = ['王小明', '13912345678', '幸福小区', '电梯'];

describe('the message a notice becomes', () => {
  it('names a major or urgent matter (Art 25) in the bureau’s words', () => {
    const message = noticeMessage(
      {
        noticeId: '41',
        petitionId: 'XF-2026-000006',
        kind: 'major-urgent',
        payload: { text: '重大、紧急信访事项 (Art 25)', event: 'priority-set' },
      },
      caseUrl,
    );
    expect(message.subject).toBe(
      '[petitionflow] 重大、紧急信访事项 (major or urgent matter, Art 25): XF-2026-000006',
    );
    expect(message.short.startsWith('重大、紧急信访事项 XF-2026-000006')).toBe(true);
  });

  it('says the kind, the case number, the deadline and its date, and links to the case', () => {
    const message = noticeMessage(
      {
        noticeId: '42',
        petitionId: 'XF-2026-000007',
        kind: 'warning',
        payload: {
          text: '预警 handle: 3 d before it is due (2026-07-01)',
          event: 'deadline-warning',
          key: 'handle',
          dueDate: '2026-07-01',
        },
      },
      caseUrl,
    );
    expect(message.subject).toBe('[petitionflow] 预警 (deadline warning): XF-2026-000007');
    expect(message.text).toContain('Case 案件: XF-2026-000007');
    expect(message.text).toContain('About 事项: deadline handle');
    expect(message.text).toContain('Date 日期: 2026-07-01');
    expect(message.text).toContain('https://petitions.example.gov.cn/cases/XF-2026-000007');
    expect(message.short).toBe(
      '预警 XF-2026-000007 deadline handle 2026-07-01 https://petitions.example.gov.cn/cases/XF-2026-000007',
    );
  });

  it('leaves out the notice text and every free-text field, which may quote the petitioner', () => {
    const message = noticeMessage(
      {
        noticeId: '43',
        petitionId: 'XF-2026-000008',
        kind: 'escalation',
        payload: {
          text: '报联席办 handle: 王小明 (13912345678) 幸福小区电梯',
          event: 'escalated',
          key: 'handle',
          reason: '王小明 13912345678 幸福小区电梯停运',
          itemId: '王小明 13912345678',
          dueDate: '13912345678',
          bodyName: '幸福小区',
        },
      },
      caseUrl,
    );
    for (const part of [message.subject, message.text, message.short]) {
      for (const word of PETITIONER) expect(part).not.toContain(word);
    }
    expect(message.text).toContain('About 事项: deadline handle');
    expect(message.text).not.toContain('Date');
  });

  it('names a kind it does not know as a notice, and still links to the case', () => {
    const message = noticeMessage(
      { noticeId: '44', petitionId: 'XF-2026-000009', kind: 'something-new', payload: {} },
      caseUrl,
    );
    expect(message.short).toBe('通知 XF-2026-000009 https://petitions.example.gov.cn/cases/XF-2026-000009');
  });

  it('names a transfer in from another area (转出 by the sender)', () => {
    const message = noticeMessage(
      { noticeId: '45', petitionId: 'XF-2026-000010', kind: 'transfer-in', payload: {} },
      caseUrl,
    );
    expect(message.subject).toBe(
      '[petitionflow] 转入 (a petition transferred in from another area): XF-2026-000010',
    );
  });
});
