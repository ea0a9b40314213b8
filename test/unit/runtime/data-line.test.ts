import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkDataLine, DATA_LINE, DataLineError } from '../../../src/runtime/data-line';

const folder = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'data-line-')), '.data');

describe('the data folder’s release line', () => {
  it('marks a new folder, then accepts it on every later start', () => {
    const dir = folder();
    checkDataLine(dir);
    expect(fs.readFileSync(path.join(dir, 'petitionflow-data-line'), 'utf8')).toBe(`${DATA_LINE}\n`);
    fs.mkdirSync(path.join(dir, 'postgres'));
    expect(() => checkDataLine(dir)).not.toThrow();
  });

  it.each(['postgres', 'temporal.db'])(
    'refuses a pre-release folder (its %s, no mark) and says what to do',
    (entry) => {
      const dir = folder();
      fs.mkdirSync(path.join(dir, entry), { recursive: true });
      expect(() => checkDataLine(dir)).toThrow(DataLineError);
      expect(() => checkDataLine(dir)).toThrow(/before petitionflow 1\.0\.0 .*rm -rf/);
      expect(fs.existsSync(path.join(dir, 'petitionflow-data-line'))).toBe(false);
    },
  );

  it('refuses a folder of another line', () => {
    const dir = folder();
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'petitionflow-data-line'), `${DATA_LINE + 1}\n`);
    expect(() => checkDataLine(dir)).toThrow(`is of release line ${DATA_LINE + 1}`);
  });
});
