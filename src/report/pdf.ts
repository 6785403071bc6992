/**
 * HTML to PDF with the system's headless Chromium (Debian's /usr/bin/chromium, or
 * REIMBURSE_CHROMIUM) through playwright-core, which never downloads a browser. Node only.
 */
import { existsSync } from 'node:fs';

/** Where Chromium is looked for. */
export function chromiumPath(): string {
  return process.env.REIMBURSE_CHROMIUM ?? '/usr/bin/chromium';
}

/** No Chromium to print with. */
export class ChromiumMissingError extends Error {
  constructor(path: string) {
    super(`--pdf needs Chromium, and ${path} does not exist: install it (apt-get install chromium) or set REIMBURSE_CHROMIUM to a Chromium executable; without --pdf the report is written as HTML`);
    this.name = 'ChromiumMissingError';
  }
}

/**
 * The document printed to A4 pages as Chromium prints it (the report's print stylesheet applies).
 * @example await writeFile('report.pdf', await htmlToPdf(reportHtml(input)))
 */
export async function htmlToPdf(html: string, executablePath = chromiumPath()): Promise<Uint8Array> {
  if (!existsSync(executablePath)) throw new ChromiumMissingError(executablePath);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return new Uint8Array(await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
  } finally {
    await browser.close();
  }
}
