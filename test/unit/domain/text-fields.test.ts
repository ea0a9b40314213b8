import { phoneNumber, plainText, residentIdNumber } from '../../../src/domain/contract/fields';
import { z } from '../../../src/domain/contract/zod';

// The documented bound is JSON Schema's maxLength: code points of the text as sent, before trimming.
describe('plainText', () => {
  const field = plainText(1, 20000);
  const astral = '\u{8307f}';

  it('refuses text over the bound that trimming would bring under it (fuzz ST201, seed 1849373738)', () => {
    const sent = ` ${astral}${'*'.repeat(19999)}`;
    expect([...sent]).toHaveLength(20001);
    expect(field.safeParse(sent).success).toBe(false);
  });

  it('counts an astral-plane character once, as maxLength does', () => {
    const sent = `${astral}${'*'.repeat(19999)}`;
    expect(sent.length).toBe(20001);
    expect(field.safeParse(sent)).toEqual({ success: true, data: sent });
  });

  it('trims what it accepts and refuses text that is only blanks', () => {
    expect(field.parse('  撤回  ')).toBe('撤回');
    expect(field.safeParse('   ').success).toBe(false);
  });

  it('documents the bounds it checks', () => {
    expect(z.toJSONSchema(field)).toMatchObject({ type: 'string', minLength: 1, maxLength: 20000 });
  });
});

describe('phoneNumber and residentIdNumber', () => {
  it('apply their documented patterns to the text as sent', () => {
    expect(phoneNumber.parse('138-0000 0000 ')).toBe('138-0000 0000');
    expect(residentIdNumber.safeParse(' 11010519491231002X').success).toBe(false);
    expect(residentIdNumber.parse('11010519491231002X')).toBe('11010519491231002X');
  });
});
