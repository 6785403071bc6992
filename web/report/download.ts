/**
 * Saving a file from the page: a link with `download` to a blob URL, clicked. The URL is released
 * a minute later, once the browser has surely read it.
 */

/**
 * Offer `blob` as a download named `name`.
 * @example downloadBlob('results.csv', new Blob([csv], { type: 'text/csv' }))
 */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * A name safe for a file on every system: letters, digits, dots, dashes.
 * @example fileSafe('Spending per payer / kr') // 'spending-per-payer-kr'
 */
export function fileSafe(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9.]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'export'
  );
}
