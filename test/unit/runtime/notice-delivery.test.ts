import { loadConfig } from '../../../src/config';
import { noticeDeliveryFrom } from '../../../src/runtime/notice-delivery';

describe('notice delivery at start', () => {
  it('runs no dispatcher when no channel is configured, and says that each channel is skipped', () => {
    const { settings, lines } = noticeDeliveryFrom(loadConfig({}), 3000);
    expect(settings).toBeUndefined();
    expect(lines).toEqual([
      'Notices by mail: off (SMTP_URL is not set); mail is skipped',
      'Notices by SMS: off (SMS_WEBHOOK_URL is not set); SMS is skipped',
    ]);
  });

  it('names the configured channel without its credentials, and links to the case by NOTICE_CASE_URL', async () => {
    const { settings, lines } = noticeDeliveryFrom(
      loadConfig({
        SMTP_URL: 'smtps://notices:s3cret@mail.example.gov.cn:465',
        MAIL_FROM: '信访通知 <notices@example.gov.cn>',
        NOTICE_CASE_URL: 'https://petitions.example.gov.cn/cases/{id}',
      }),
      3000,
    );
    expect(lines).toEqual([
      'Notices by mail: mail via smtps://mail.example.gov.cn:465 from 信访通知 <notices@example.gov.cn>',
      'Notices by SMS: off (SMS_WEBHOOK_URL is not set); SMS is skipped',
    ]);
    expect(lines.join('\n')).not.toContain('s3cret');
    expect(settings?.caseUrl('XF-2026-000001')).toBe('https://petitions.example.gov.cn/cases/XF-2026-000001');
    await Promise.all(settings!.channels.map((c) => c.close()));
  });

  it('says where notices link to when NOTICE_CASE_URL is not set', async () => {
    const { settings, lines } = noticeDeliveryFrom(
      loadConfig({ SMS_WEBHOOK_URL: 'https://sms.example/send' }),
      3000,
    );
    expect(lines).toContain(
      'Notices link to http://localhost:3000/api/petitions/{id}: set NOTICE_CASE_URL to the address staff open a case at',
    );
    expect(lines[0]).toBe('Notices by SMS: SMS via https://sms.example/send');
    await Promise.all(settings!.channels.map((c) => c.close()));
  });
});
