import { detectMediaType } from '../../../src/domain/case-file/content-types';
import { InspectedUpload } from '../../../src/domain/case-file/inspected-upload';
import { rechunk } from '../../../src/db/case-file/attachment-storage';

const head = (...parts: Array<number[] | string>) =>
  Buffer.concat([...parts.map((p) => Buffer.from(typeof p === 'string' ? p : p)), Buffer.alloc(16)]);

describe('the content-type table', () => {
  it.each([
    [head('%PDF-1.4'), 'letter.pdf', 'application/pdf'],
    [head([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'photo.png', 'image/png'],
    [head([0xff, 0xd8, 0xff, 0xe0]), 'photo.jpg', 'image/jpeg'],
    [head('GIF89a'), 'x.gif', 'image/gif'],
    [head([0x49, 0x49, 0x2a, 0x00]), 'scan.tif', 'image/tiff'],
    [head('RIFF', [1, 2, 3, 4], 'WEBP'), 'x.webp', 'image/webp'],
    [
      head([0x50, 0x4b, 0x03, 0x04]),
      '协议.DOCX',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    [head([0x50, 0x4b, 0x03, 0x04]), '告知书.ofd', 'application/ofd'],
    [head([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'old.xls', 'application/vnd.ms-excel'],
  ])('recognises table case %#', (bytes, name, type) => {
    expect(detectMediaType(bytes, name)).toBe(type);
  });

  it.each([
    [head('MZ'), 'scan.pdf'], // a Windows program named as a PDF
    [head('<html>'), 'page.pdf'],
    [head([0x50, 0x4b, 0x03, 0x04]), 'archive.zip'], // a container without an office extension
    [head([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'setup.msi'],
  ])('refuses case %#', (bytes, name) => {
    expect(detectMediaType(bytes, name)).toBeUndefined();
  });
});

async function* pieces(...chunks: Buffer[]) {
  yield* chunks;
}
async function collect(source: AsyncIterable<Buffer>) {
  const out: Buffer[] = [];
  for await (const chunk of source) out.push(chunk);
  return out;
}

describe('an inspected upload', () => {
  it('passes a file through unchanged, in pieces smaller than the sniffed head, with its checksum', async () => {
    const file = Buffer.from('%PDF-1.7\nhello world, a small pdf\n');
    const upload = new InspectedUpload('a.pdf', 1000);
    const out = await collect(upload.pass(pieces(...[...file].map((b) => Buffer.from([b])))));
    expect(Buffer.concat(out).equals(file)).toBe(true);
    expect(upload.result()).toMatchObject({ sizeBytes: file.length, mediaType: 'application/pdf' });
  });

  it('takes a file shorter than the sniffed head', async () => {
    const upload = new InspectedUpload('a.jpg', 1000);
    await collect(upload.pass(pieces(Buffer.from([0xff, 0xd8, 0xff, 0xd9]))));
    expect(upload.result().mediaType).toBe('image/jpeg');
  });

  it('refuses over the limit, an unknown type and an empty file with their codes', async () => {
    const big = new InspectedUpload('a.pdf', 10);
    await expect(collect(big.pass(pieces(Buffer.from('%PDF-1.7\n12345'))))).rejects.toMatchObject({
      status: 413,
      code: 'file_too_large',
    });
    const exe = new InspectedUpload('a.pdf', 1000);
    await expect(collect(exe.pass(pieces(Buffer.alloc(40, 0x4d))))).rejects.toMatchObject({ status: 415 });
    const empty = new InspectedUpload('a.pdf', 1000);
    await expect(collect(empty.pass(pieces()))).rejects.toMatchObject({ status: 422, code: 'empty_file' });
  });
});

describe('rechunk', () => {
  it('regroups pieces into chunks of the size, the last one shorter', async () => {
    const out = await collect(rechunk(pieces(Buffer.alloc(3, 1), Buffer.alloc(6, 2), Buffer.alloc(2, 3)), 4));
    expect(out.map((b) => b.length)).toEqual([4, 4, 3]);
    expect(Buffer.concat(out)).toEqual(
      Buffer.concat([Buffer.alloc(3, 1), Buffer.alloc(6, 2), Buffer.alloc(2, 3)]),
    );
  });
});
