import { prepared } from '../../../src/db/prepared';

describe('prepared statements', () => {
  it('names the statement so that PostgreSQL parses and plans it once per connection', () => {
    const byId = prepared<[string]>('test-thing-by-id', 'SELECT 1 FROM things WHERE id = $1');
    expect(byId('a')).toEqual({
      name: 'test-thing-by-id',
      text: 'SELECT 1 FROM things WHERE id = $1',
      values: ['a'],
    });
  });

  it('takes the same text under the same name again (a module loaded twice)', () => {
    prepared('test-same', 'SELECT $1::int');
    expect(() => prepared('test-same', 'SELECT $1::int')).not.toThrow();
  });

  it('refuses a second text under a name already taken', () => {
    prepared('test-taken', 'SELECT $1::int');
    expect(() => prepared('test-taken', 'SELECT $1::text')).toThrow(/two statements are named test-taken/);
  });
});
