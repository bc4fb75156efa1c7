// Opens the attention page in headless Chromium and reports what happened, as one JSON object on stdout:
// console errors and page errors, every request other than the page itself, a screenshot, and what the head view,
// the model view and the summaries draw before and after the controls are used.
// Usage: node page-check.mjs PAGE.html SCREENSHOT.png CHROMIUM
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";

const [page_, screenshot, executablePath] = process.argv.slice(2);
const url = pathToFileURL(page_).href;
// the flags Chromium needs on a machine without network or display (the machine notes' list)
const args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync"];
const browser = await chromium.launch({ executablePath, args, headless: true });
const result = { errors: [], requests: [] };
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  page.on("console", m => { if (m.type() === "error" || m.type() === "warning") result.errors.push(m.type() + ": " + m.text()); });
  page.on("pageerror", e => result.errors.push("pageerror: " + e.message));
  page.on("request", r => { if (r.url() !== url) result.requests.push(r.url()); });
  await page.goto(url, { waitUntil: "load" });
  await page.waitForSelector("#head-view svg line", { state: "attached" });
  await page.screenshot({ path: screenshot });

  const svg = () => page.$eval("#head-view svg", s => s.outerHTML);
  const lineCount = () => page.$$eval("#head-view svg line", ls => ls.length);
  result.headView = { initial: await svg(), lines: await lineCount() };
  await page.selectOption("#layer", "3");
  result.headView.layer3 = await svg();
  await page.click('#head-toggles button[data-head="0"]');
  result.headView.layer3WithoutHead0 = await svg();
  result.headView.head0Lines = await page.$$eval('#head-view svg line[data-head="0"]', ls => ls.length);
  await page.click("#heads-none");
  result.headView.noHeadLines = await lineCount();
  await page.click("#heads-all");
  await page.hover('#head-view svg text.left[data-index="2"]');
  result.headView.hoverLines = await page.$$eval("#head-view svg line", ls => ls.map(l => l.getAttribute("y1")));
  result.headView.hoverY = await page.$eval('#head-view svg text.left[data-index="2"]', t => t.getAttribute("y"));

  const cell = (l, h) => page.$eval(`#model-view canvas[data-layer="${l}"][data-head="${h}"]`, c => c.toDataURL());
  result.modelView = { cells: await page.$$eval("#model-view canvas", cs => cs.length),
    l0h0: await cell(0, 0), l0h1: await cell(0, 1), l3h0: await cell(3, 0) };
  await page.click('#model-view canvas[data-layer="1"][data-head="2"]');
  const enlarged = () => page.$eval("#enlarged-canvas", c => ({ open: document.getElementById("enlarged").open,
    title: document.getElementById("enlarged-title").textContent, image: c.toDataURL(), width: c.width }));
  result.modelView.enlarged = await enlarged();
  await page.click("#enlarged-close");
  await page.click('#model-view canvas[data-layer="4"][data-head="7"]');
  result.modelView.enlargedOther = await enlarged();
  await page.click("#enlarged-close");

  result.summaries = { entropy: await page.$$eval("#head-table td", tds => tds.map(t => t.textContent)) };
  await page.selectOption("#metric", "cls_share");
  result.summaries.cls = await page.$$eval("#head-table td", tds => tds.map(t => t.textContent));
  result.summaries.rollout = await page.$$eval("#rollout .bar-row", rows => rows.map(r => r.lastChild.textContent));
  result.text = await page.$eval("#input-text", p => p.textContent);
  result.title = await page.title();
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
