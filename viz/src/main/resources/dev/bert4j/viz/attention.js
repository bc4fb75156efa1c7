"use strict";
(function () {
  const data = JSON.parse(document.getElementById("attention-data").textContent);
  const tokens = data.tokens;
  const T = tokens.length, L = data.num_layers, H = data.num_heads;
  const SVG = "http://www.w3.org/2000/svg";
  const MIN_LINE = 0.01; // lines fainter than this are invisible anyway; leaving them out keeps long inputs fast
  const state = { layer: 0, heads: new Set([...Array(H).keys()]), hover: null };

  const att = (l, h, i, j) => data.attentions[l][h][i][j];
  const headColor = h => "hsl(" + Math.round(h * 360 / H) + ", 70%, 42%)";
  const blue = v => { // white (0) to dark blue (1), as the PNG heat maps
    const c = Math.max(0, Math.min(1, v));
    return [Math.round(255 - c * 247), Math.round(255 - c * 207), Math.round(255 - c * 148)];
  };
  const rgb = v => "rgb(" + blue(v).join(",") + ")";
  const el = (tag, attrs, text) => {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const svgEl = (tag, attrs) => {
    const e = document.createElementNS(SVG, tag);
    Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
    return e;
  };

  function header() {
    document.getElementById("model-name").textContent = data.model;
    const p = document.getElementById("input-text");
    p.textContent = data.text;
    if (data.text_pair !== undefined) {
      p.append(el("span", { class: "pair-mark" }, "|"), document.createTextNode(data.text_pair));
    }
    document.getElementById("shape").textContent = T + " tokens, " + L + " layers, " + H + " heads per layer"
      + (data.truncated ? "; the input was truncated to the model's limit" : "");
  }

  // ---- head view ----
  const ROW = 20, TOP = 14, LEFT_X = 150, RIGHT_X = 410;

  function controls() {
    const layer = document.getElementById("layer");
    for (let l = 0; l < L; l++) layer.append(el("option", { value: l }, "" + l));
    layer.addEventListener("change", () => { state.layer = +layer.value; drawHeadView(); });
    const toggles = document.getElementById("head-toggles");
    for (let h = 0; h < H; h++) {
      const b = el("button", { type: "button", class: "head-toggle", "data-head": h, "aria-pressed": "true",
        style: "--c: " + headColor(h), title: "head " + h }, "" + h);
      b.addEventListener("click", () => {
        state.heads.has(h) ? state.heads.delete(h) : state.heads.add(h);
        drawHeadView();
      });
      toggles.append(b);
    }
    document.getElementById("heads-all").addEventListener("click", () => setHeads([...Array(H).keys()]));
    document.getElementById("heads-none").addEventListener("click", () => setHeads([]));
  }

  function setHeads(heads) {
    state.heads = new Set(heads);
    drawHeadView();
  }

  /** Rebuilds the head view for the current layer and heads; hovering only redraws the lines and highlights. */
  function drawHeadView() {
    document.querySelectorAll(".head-toggle").forEach(b =>
      b.setAttribute("aria-pressed", "" + state.heads.has(+b.dataset.head)));
    document.getElementById("layer").value = state.layer;
    const svg = svgEl("svg", { width: RIGHT_X + 150, height: TOP * 2 + T * ROW, "data-layer": state.layer });
    svg.append(tokenColumn("left", LEFT_X, "end"), tokenColumn("right", RIGHT_X, "start"),
      svgEl("g", { class: "lines" }));
    document.getElementById("head-view").replaceChildren(svg);
    drawHover();
  }

  /** Mean attention over the shown heads between the hovered token and every token of the other column. */
  function hoverWeights() {
    const w = new Array(T).fill(0);
    if (state.hover === null || state.heads.size === 0) return w;
    state.heads.forEach(h => {
      for (let k = 0; k < T; k++) {
        w[k] += (state.hover.side === "left" ? att(state.layer, h, state.hover.index, k)
          : att(state.layer, h, k, state.hover.index)) / state.heads.size;
      }
    });
    return w;
  }

  function tokenColumn(side, x, anchor) {
    const g = svgEl("g", { class: "tokens-" + side });
    tokens.forEach((t, i) => {
      const y = TOP + i * ROW + ROW / 2;
      g.append(svgEl("rect", { x: anchor === "end" ? x - 140 : x - 4, y: y - ROW / 2 + 1, width: 144,
        height: ROW - 2, fill: "rgb(33,102,172)", "fill-opacity": 0, class: side, "data-index": i }));
      const text = svgEl("text", { x: x, y: y, "text-anchor": anchor, class: side, "data-index": i });
      text.textContent = t;
      text.addEventListener("mouseenter", () => { state.hover = { side: side, index: i }; drawHover(); });
      text.addEventListener("mouseleave", () => { state.hover = null; drawHover(); });
      g.append(text);
    });
    return g;
  }

  /** The lines of the shown heads (only the hovered token's, when one is), and the hover highlights. */
  function drawHover() {
    const hv = state.hover;
    const weights = hoverWeights();
    document.querySelectorAll("#head-view text").forEach(t => t.classList.toggle("hovered",
      hv !== null && t.classList.contains(hv.side) && +t.dataset.index === hv.index));
    document.querySelectorAll("#head-view rect").forEach(r => r.setAttribute("fill-opacity",
      hv !== null && !r.classList.contains(hv.side) ? weights[+r.dataset.index].toFixed(3) : 0));
    const g = document.querySelector("#head-view g.lines");
    g.replaceChildren();
    state.heads.forEach(h => {
      for (let i = 0; i < T; i++) {
        if (hv !== null && hv.side === "left" && hv.index !== i) continue;
        for (let j = 0; j < T; j++) {
          if (hv !== null && hv.side === "right" && hv.index !== j) continue;
          const w = att(state.layer, h, i, j);
          if (w < MIN_LINE) continue;
          g.append(svgEl("line", { x1: LEFT_X + 6, y1: TOP + i * ROW + ROW / 2, x2: RIGHT_X - 8,
            y2: TOP + j * ROW + ROW / 2, stroke: headColor(h), "stroke-width": 2, "stroke-opacity": w.toFixed(4),
            "data-head": h }));
        }
      }
    });
  }

  // ---- model view ----
  /** A T x T image of one head: rows are queries, columns keys. */
  function headImage(l, h) {
    const canvas = document.createElement("canvas");
    canvas.width = T;
    canvas.height = T;
    const ctx = canvas.getContext("2d");
    const img = ctx.createImageData(T, T);
    for (let i = 0; i < T; i++) {
      for (let j = 0; j < T; j++) {
        const c = blue(att(l, h, i, j)), o = (i * T + j) * 4;
        img.data[o] = c[0]; img.data[o + 1] = c[1]; img.data[o + 2] = c[2]; img.data[o + 3] = 255;
      }
    }
    ctx.putImageData(img, 0, 0);
    return canvas;
  }

  function modelView() {
    const grid = document.getElementById("model-view");
    // as large as the section allows (row labels take about 60 px), from 24 to 64 px
    const width = document.getElementById("model-view-section").clientWidth - 60;
    const size = Math.max(24, Math.min(64, Math.floor(width / H) - 3));
    grid.style.gridTemplateColumns = "auto repeat(" + H + ", " + size + "px)";
    grid.append(el("div", { class: "axis" }, "layer \\ head"));
    for (let h = 0; h < H; h++) grid.append(el("div", { class: "axis" }, (size >= 48 ? "head " : "") + h));
    for (let l = 0; l < L; l++) {
      grid.append(el("div", { class: "axis" }, "layer " + l));
      for (let h = 0; h < H; h++) {
        const c = el("canvas", { width: size, height: size, "data-layer": l, "data-head": h,
          title: "layer " + l + ", head " + h });
        const ctx = c.getContext("2d");
        ctx.imageSmoothingEnabled = T > size; // shrinking: average, so no row is dropped
        ctx.drawImage(headImage(l, h), 0, 0, size, size);
        c.addEventListener("click", () => enlarge(l, h));
        grid.append(c);
      }
    }
  }

  function enlarge(l, h) {
    const dialog = document.getElementById("enlarged");
    document.getElementById("enlarged-title").textContent = "Layer " + l + ", head " + h;
    const canvas = document.getElementById("enlarged-canvas");
    const cell = Math.max(4, Math.min(28, Math.floor(560 / T)));
    const ctx = canvas.getContext("2d");
    ctx.font = "12px sans-serif";
    const margin = Math.ceil(Math.max(...tokens.map(t => ctx.measureText(t).width))) + 12;
    canvas.width = margin + T * cell + 10;
    canvas.height = margin + T * cell + 10;
    canvas.dataset.layer = l;
    canvas.dataset.head = h;
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    for (let i = 0; i < T; i++) {
      for (let j = 0; j < T; j++) {
        ctx.fillStyle = rgb(att(l, h, i, j));
        ctx.fillRect(margin + j * cell, margin + i * cell, cell, cell);
      }
    }
    labels(ctx, margin, cell);
    canvas.onmousemove = e => {
      const r = canvas.getBoundingClientRect();
      const j = Math.floor((e.clientX - r.left - margin) / cell), i = Math.floor((e.clientY - r.top - margin) / cell);
      document.getElementById("enlarged-value").textContent = i >= 0 && j >= 0 && i < T && j < T
        ? tokens[i] + " \u2192 " + tokens[j] + ": " + att(l, h, i, j).toFixed(4) : "Hover a cell for its value.";
    };
    if (!dialog.open) dialog.showModal();
  }

  function labels(ctx, margin, cell) {
    ctx.fillStyle = "#1d2433";
    ctx.font = Math.min(12, cell) + "px sans-serif";
    ctx.textBaseline = "middle";
    ctx.textAlign = "right";
    tokens.forEach((t, i) => ctx.fillText(t, margin - 4, margin + i * cell + cell / 2));
    ctx.save();
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = "left";
    tokens.forEach((t, j) => ctx.fillText(t, -(margin - 4), margin + j * cell + cell / 2));
    ctx.restore();
  }

  // ---- summaries ----
  function headTable() {
    const metric = document.getElementById("metric").value;
    const scale = metric === "entropy" ? Math.log(T) || 1 : 1;
    const table = document.getElementById("head-table");
    const head = el("tr");
    head.append(el("th", {}, "layer \\ head"));
    for (let h = 0; h < H; h++) head.append(el("th", {}, "" + h));
    const rows = [head];
    for (let l = 0; l < L; l++) {
      const tr = el("tr");
      tr.append(el("th", {}, "" + l));
      for (let h = 0; h < H; h++) {
        const v = data.heads[l * H + h][metric];
        const td = el("td", { "data-layer": l, "data-head": h, style: "background:" + rgb(v / scale)
          + (v / scale > 0.55 ? ";color:#fff" : "") }, v.toFixed(2));
        td.addEventListener("click", () => {
          state.layer = l;
          setHeads([h]);
          document.getElementById("head-view-section").scrollIntoView();
        });
        tr.append(td);
      }
      rows.push(tr);
    }
    table.replaceChildren(...rows);
  }

  function rollout() {
    const box = document.getElementById("rollout");
    const max = Math.max(...data.rollout) || 1;
    tokens.forEach((t, i) => {
      const row = el("div", { class: "bar-row" });
      const bar = el("div", { class: "bar", style: "width:" + (data.rollout[i] / max * 100).toFixed(2) + "%" });
      const track = el("div");
      track.append(bar);
      row.append(el("div", { class: "label", title: t }, t), track, el("div", {}, data.rollout[i].toFixed(4)));
      box.append(row);
    });
  }

  header();
  controls();
  drawHeadView();
  modelView();
  document.getElementById("metric").addEventListener("change", headTable);
  headTable();
  rollout();
  document.getElementById("enlarged-close").addEventListener("click", () =>
    document.getElementById("enlarged").close());
})();
