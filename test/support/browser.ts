import fs from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';

/** Debian's Chromium (`apt-get install chromium`; `.ci/run` installs it), or the one CHROMIUM_PATH names. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(path)) {
    throw new Error(
      `No Chromium at ${path}: the browser tests need a real Chromium. Install Debian's package ` +
        '(apt-get install -y chromium, as .ci/run does) or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    );
  }
  return path;
}

/** A headless Chromium; `--no-sandbox` because CI runs as root, where Chromium's sandbox refuses to start. */
export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--lang=zh-CN', '--font-render-hinting=none'],
    defaultViewport: { width: 1200, height: 900 },
  });
}
