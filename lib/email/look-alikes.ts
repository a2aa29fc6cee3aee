/**
 * File extensions that are not delegated top-level domains, so `name@anything.<ext>` is a file name
 * (`logo@2x.png`, `bundle@1.2.min.js`), never a mailbox. Extensions that ARE real TLDs (`md`, `zip`,
 * `mov`, `py`, `sh`, `rs`, `so`, `ai`) are deliberately absent.
 */
const FILE_EXTENSIONS = new Set(
  `png jpg jpeg jpe gif webp avif svg svgz bmp ico cur tif tiff heic heif jxl psd js mjs cjs jsx ts tsx css
  scss sass less map json html htm xhtml php asp aspx jsp txt csv pdf doc docx xls xlsx ppt pptx woff
  woff2 ttf otf eot mp3 mp4 m4a m4v webm wav ogg ogv oga flac avi mkv gz tgz bz2 xz rar tar wasm yml yaml
  toml lock exe dmg apk bin iso`.split(/\s+/),
);

/** `2x`, `3x`, `1.5x` (as labels `1` + `5x`): CSS pixel-density descriptors used in image names. */
const DENSITY_LABEL = /^\d+x$/;
const DIGITS = /^\d+$/;

/** True when a grammatically valid address is really an asset name or similar (see docs/detection.md). */
export function isLookAlike(labels: readonly string[]): boolean {
  const tld = labels[labels.length - 1]?.toLowerCase() ?? '';
  if (FILE_EXTENSIONS.has(tld)) return true;
  const first = labels[0]?.toLowerCase() ?? '';
  const second = labels[1]?.toLowerCase() ?? '';
  return DENSITY_LABEL.test(first) || (DIGITS.test(first) && DENSITY_LABEL.test(second));
}
