// Reads a ZIP's directory before anything inflates it, and refuses zip bombs (huge or highly compressed entries).
import yauzl from 'yauzl';

export interface ZipLimits {
  maxEntries: number;
  maxTotalUncompressed: number;
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 5_000, maxTotalUncompressed: 200 * 1024 * 1024, maxRatio: 200 };

export class ZipRefused extends Error {
  constructor(
    readonly code: 'zip-bomb' | 'corrupt',
    message: string,
  ) {
    super(message);
  }
}

/** Entry names of a ZIP, or ZipRefused when its declared sizes say it would inflate past the limits. */
export function inspectZip(bytes: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(new ZipRefused('corrupt', `not a readable ZIP: ${err?.message ?? 'unknown'}`));
      const names: string[] = [];
      let total = 0;
      zip.on('entry', (e: yauzl.Entry) => {
        names.push(e.fileName);
        total += e.uncompressedSize;
        const ratio = e.compressedSize > 0 ? e.uncompressedSize / e.compressedSize : e.uncompressedSize > 0 ? Infinity : 0;
        if (names.length > limits.maxEntries || total > limits.maxTotalUncompressed || (e.uncompressedSize > 1_000_000 && ratio > limits.maxRatio)) {
          zip.close();
          return reject(new ZipRefused('zip-bomb', `refused: ${names.length} entries, ${total} bytes uncompressed, ratio ${ratio.toFixed(0)}:1 at ${e.fileName}`));
        }
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', (e: Error) => reject(new ZipRefused('corrupt', e.message)));
      zip.readEntry();
    });
  });
}
