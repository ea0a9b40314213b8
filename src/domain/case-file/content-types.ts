/**
 * The kinds of file a case file takes (S17: scans, photos, PDFs, office files), recognised by their first
 * bytes, not by the name or the type the browser claims. `file-type` would do this, but it is published as an
 * ES module only and the project is CommonJS; this table is small and each entry is checked by a test.
 * The container formats (ZIP for OOXML and OFD, OLE2 for the old Office formats) say only "a container":
 * there the file name's extension chooses among the kinds that container may hold, and any other name is refused.
 */
interface ContentType {
  mediaType: string;
  /** Bytes at `offset` (default 0). */
  signature: Array<{ offset?: number; bytes: number[] }>;
  /** For a container: the extensions it may carry, each with its media type. */
  byExtension?: Record<string, string>;
}

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const CONTENT_TYPES: ContentType[] = [
  { mediaType: 'application/pdf', signature: [{ bytes: ascii('%PDF-') }] },
  { mediaType: 'image/png', signature: [{ bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] }] },
  { mediaType: 'image/jpeg', signature: [{ bytes: [0xff, 0xd8, 0xff] }] },
  { mediaType: 'image/gif', signature: [{ bytes: ascii('GIF8') }] },
  { mediaType: 'image/tiff', signature: [{ bytes: [0x49, 0x49, 0x2a, 0x00] }] },
  { mediaType: 'image/tiff', signature: [{ bytes: [0x4d, 0x4d, 0x00, 0x2a] }] },
  { mediaType: 'image/webp', signature: [{ bytes: ascii('RIFF') }, { offset: 8, bytes: ascii('WEBP') }] },
  {
    mediaType: 'application/zip',
    signature: [{ bytes: [0x50, 0x4b, 0x03, 0x04] }],
    byExtension: {
      docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      // 版式文档 (GB/T 33190): the format government documents are issued in.
      ofd: 'application/ofd',
    },
  },
  {
    mediaType: 'application/x-ole-storage',
    signature: [{ bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] }],
    byExtension: {
      doc: 'application/msword',
      xls: 'application/vnd.ms-excel',
      ppt: 'application/vnd.ms-powerpoint',
    },
  },
];

/** How many first bytes `detectMediaType` needs. */
export const SNIFF_BYTES = 16;

/** The media type of a file from its first bytes and its name; undefined when the case file refuses it. */
export function detectMediaType(head: Buffer, fileName: string): string | undefined {
  const type = CONTENT_TYPES.find((t) =>
    t.signature.every(({ offset = 0, bytes }) => bytes.every((b, i) => head[offset + i] === b)),
  );
  if (!type) return undefined;
  if (!type.byExtension) return type.mediaType;
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return extension ? type.byExtension[extension] : undefined;
}

/** For the refusal's message and the docs. */
export const ACCEPTED_KINDS =
  'PDF, JPEG, PNG, GIF, TIFF, WebP, OFD, Word/Excel/PowerPoint (doc, docx, xls, xlsx, ppt, pptx)';

/** Every media type a stored attachment can have: what a download may answer with (the OpenAPI document). */
export const ATTACHMENT_MEDIA_TYPES: readonly string[] = [
  ...new Set(
    CONTENT_TYPES.flatMap((type) => (type.byExtension ? Object.values(type.byExtension) : [type.mediaType])),
  ),
];
