/**
 * File extensions that are not delegated top-level domains, so `name@anything.<ext>` is a file name
 * (`logo@2x.png`, `bundle@1.2.min.js`), never a mailbox. Extensions that ARE real TLDs (`md`, `zip`,
 * `mov`, `py`, `sh`, `rs`, `so`, `ai`) are deliberately absent, and so are those with digits (`mp4`,
 * `woff2`): a top-level label is letters only, so the grammar already rejects them.
 */
export const FILE_EXTENSIONS = new Set(
  (
    'png jpg jpeg jpe gif webp avif svg svgz bmp ico cur tif tiff heic heif jxl psd js mjs cjs jsx ts tsx css ' +
    'scss sass less map json html htm xhtml php asp aspx jsp txt csv pdf doc docx xls xlsx ppt pptx woff ttf ' +
    'otf eot wav ogg ogv oga flac avi mkv webm gz tgz xz rar tar wasm yml yaml toml lock exe dmg apk bin iso'
  )
    .split(' ')
    // Each as its key: its character codes in base 256 (see isTopLevel), so the test allocates no string.
    .map((extension) => [...extension].reduce((key, letter) => key * 256 + letter.charCodeAt(0), 0)),
);

/**
 * True when a domain starting at `from` starts with a CSS pixel-density descriptor used in image names
 * (`2x.`, `3x.`, `1.5x.`: digits, at most one dot between digits, then `x.`). Read by hand: a sticky RegExp
 * costs more per call than the few digits it reads.
 */
export function isDensityDescriptor(text: string, from: number): boolean {
  let index = from;
  let dots = 0;
  let code = text.charCodeAt(index);
  while (isDigit(code) || (code === 46 && index > from && !dots++ && isDigit(text.charCodeAt(index + 1)))) {
    code = text.charCodeAt(++index);
  }
  return index > from && (code | 32) === 120 && text.charCodeAt(index + 1) === 46;
}

const isDigit = (code: number) => code >= 48 && code <= 57;
