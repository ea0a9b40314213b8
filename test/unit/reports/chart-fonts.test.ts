import { chartFonts, CJK_FONT_FILES } from '../../../src/domain/reports/documents/chart-images';

describe('the fonts the charts of the Word files load', () => {
  it('is the CJK font file alone where it is installed, not every system font (parsed anew for each chart)', () => {
    expect(chartFonts(() => true)).toEqual({
      loadSystemFonts: false,
      fontFiles: CJK_FONT_FILES,
      defaultFontFamily: 'WenQuanYi Micro Hei',
    });
  });

  it('falls back to the system fonts where the file is not there', () => {
    expect(chartFonts(() => false)).toEqual({
      loadSystemFonts: true,
      defaultFontFamily: 'WenQuanYi Micro Hei',
    });
  });
});
