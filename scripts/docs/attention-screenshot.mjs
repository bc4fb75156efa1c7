// Makes docs/images/attention-page.png: the attention page at layer 2 with heads 0, 5 and 9 shown and the
// token "the" (position 5) hovered, in Debian's headless Chromium. After `./mvnw -B -pl viz -am test` (whose browser
// test installs playwright-core into viz/target/browser-test):
//   ./bert4j attention --threads 1 "The cat sat on the mat." --pair "It was tired." --out /tmp/att
//   cp scripts/docs/attention-screenshot.mjs viz/target/browser-test/
//   node viz/target/browser-test/attention-screenshot.mjs /tmp/att/attention.html docs/images/attention-page.png
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";

const [page_, out] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu",
  "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
const page = await browser.newPage({ viewport: { width: 1180, height: 640 } });
await page.goto(pathToFileURL(page_).href);
await page.selectOption("#layer", "2");
await page.click("#heads-none");
for (const h of ["0", "5", "9"]) await page.click(`#head-toggles button[data-head="${h}"]`);
await page.hover('#head-view svg text.left[data-index="5"]');
await page.screenshot({ path: out });
await browser.close();
