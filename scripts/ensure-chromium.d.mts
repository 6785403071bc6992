/** Path of a system Chromium, installed with apt-get first when missing. */
export const CHROMIUM: string;
export function ensureChromium(): string;
