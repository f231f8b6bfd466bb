// Types for fontverter (converts between TTF/OTF, WOFF and WOFF2; it ships none), as far as we use it.
declare module 'fontverter' {
  /** The formats fontverter reads and writes. */
  type Format = 'truetype' | 'sfnt' | 'woff' | 'woff2';
  /** Converts a font buffer to another format (the source format is detected). */
  export function convert(buffer: Uint8Array, toFormat: Format, fromFormat?: Format): Promise<Buffer>;
  /** Detects the format of a font buffer. */
  export function detectFormat(buffer: Uint8Array): Format;
  const fontverter: { convert: typeof convert; detectFormat: typeof detectFormat };
  export default fontverter;
}
